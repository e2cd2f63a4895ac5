import { AdapterBusyError, AdapterError, hasErrorCode, isAdapterError } from '../../../src/adapters/http/adapter-error';
import { isMlflowError } from '../../../src/adapters/mlflow/mlflow.errors';
import { NotionSchemaConflictError, isNotionError } from '../../../src/adapters/notion/notion.errors';
import { StoreUnavailableError } from '../../../src/adapters/store/store.errors';
import { isZenmlError } from '../../../src/adapters/zenml/zenml.errors';
import { isBusy, isModelsyncError } from '../../../src/core/errors';

describe('AdapterError', () => {
  it('takes its system from its code and keeps status, the system’s own code and the cause', () => {
    const cause = new Error('socket hang up');
    const e = new AdapterError('mlflow_not_found', 'MLflow has no registered model named ‘x’.', { status: 404, remoteCode: 'RESOURCE_DOES_NOT_EXIST', cause });
    expect(e).toMatchObject({ system: 'mlflow', code: 'mlflow_not_found', status: 404, remoteCode: 'RESOURCE_DOES_NOT_EXIST', name: 'MlflowError' });
    expect(e.cause).toBe(cause);
    expect(isModelsyncError(e)).toBe(true);
    expect(isMlflowError(e) && !isZenmlError(e) && !isNotionError(e)).toBe(true);
    expect(new AdapterError('zenml_unavailable', 'x').name).toBe('ZenmlError');
    expect('cause' in new AdapterError('notion_validation', 'no cause given')).toBe(false);
  });

  it('narrows by code: hasErrorCode is true only for the codes asked for', () => {
    const e: unknown = new AdapterError('notion_rate_limited', 'slow down');
    expect(hasErrorCode(e, 'notion_rate_limited')).toBe(true);
    expect(hasErrorCode(e, 'notion_unavailable', 'notion_rate_limited')).toBe(true);
    expect(hasErrorCode(e, 'notion_unavailable')).toBe(false);
    expect(hasErrorCode(new Error('notion_rate_limited'), 'notion_rate_limited')).toBe(false);
    expect(isAdapterError(e)).toBe(true);
    expect(isAdapterError(e, 'notion')).toBe(true);
    expect(isAdapterError(e, 'mlflow')).toBe(false);
  });

  it('gives the errors that carry more facts the same base, code and guards', () => {
    const store = new StoreUnavailableError('full', 'write', { cause: new Error('OOM') });
    expect(store).toMatchObject({ system: 'store', code: 'store_unavailable', failure: 'full', name: 'StoreUnavailableError' });
    expect(hasErrorCode(store, 'store_unavailable')).toBe(true);
    const schema = new NotionSchemaConflictError('Stage', 'select', 'rich_text');
    expect(schema).toMatchObject({ system: 'notion', code: 'notion_schema_conflict', property: 'Stage' });
    expect(isNotionError(schema)).toBe(true);
  });

  it('marks a busy refusal so the Slack layer answers "busy", with how many waited', () => {
    const busy = new AdapterBusyError('zenml_busy', 'ZenML is busy (3 requests waiting).', 3, 'queue_full');
    expect(isBusy(busy)).toBe(true);
    expect(busy).toMatchObject({ system: 'zenml', code: 'zenml_busy', waiting: 3, reason: 'queue_full' });
    expect(isBusy(new AdapterError('zenml_unavailable', 'down'))).toBe(false);
  });
});
