import { hasErrorCode, isMlflowError, MlflowRegistry } from '../../../src/adapters/mlflow';
import { MlflowHttp } from '../../../src/adapters/mlflow/mlflow.http';
import { registeredModelResponse } from '../../../src/adapters/mlflow/mlflow.schemas';
import { isModelsyncError } from '../../../src/core/errors';
import { inspect } from 'node:util';
import type { Stage } from '../../../src/core/domain/stage';
import { mlflowTestUrl, uniqueModelName } from '../../support/names';
import { createManagedModel } from '../../support/mlflow-seed';
import { startLocalServer, type LocalServer } from './local-http';

const real = () => new MlflowRegistry({ trackingUri: mlflowTestUrl(), retries: 0 });

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('MLflow errors from real server answers', () => {
  it('reports a missing registered model as mlflow_not_found with a user-safe sentence', async () => {
    const name = uniqueModelName('absent');
    const e = await caught(real().setModelTag(name, 'k', 'v'));
    expect(isMlflowError(e)).toBe(true);
    expect(hasErrorCode(e, 'mlflow_not_found')).toBe(true);
    expect(isModelsyncError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'mlflow_not_found', system: 'mlflow', status: 404, remoteCode: 'RESOURCE_DOES_NOT_EXIST' });
    expect((e as Error).message).toBe(`MLflow has no registered model named '${name}'.`);
    expect((e as Error).cause).toBeDefined();
  });

  it('reports a version created for a missing model as mlflow_not_found', async () => {
    const name = uniqueModelName('absent');
    const e = await caught(real().createVersion({ name, source: 's3://b/m' }));
    expect(hasErrorCode(e, 'mlflow_not_found')).toBe(true);
  });

  it('maps RESOURCE_ALREADY_EXISTS (HTTP 400) to mlflow_already_exists on a duplicate create', async () => {
    // createModel turns this into `false`; go one level down to see the error itself.
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 0 });
    const http = new MlflowHttp({ baseUrl: mlflowTestUrl(), retries: 0 });
    const e = await caught(
      http.call({
        method: 'POST',
        path: '/registered-models/create',
        body: { name },
        schema: registeredModelResponse,
        subject: `registered model named '${name}'`,
        idempotent: false,
      }),
    );
    expect(isMlflowError(e)).toBe(true);
    expect(hasErrorCode(e, 'mlflow_already_exists')).toBe(true);
    expect(e).toMatchObject({ status: 400, remoteCode: 'RESOURCE_ALREADY_EXISTS', message: `Registered model named '${name}' already exists in MLflow.` });
  });

  it('reports an invalid stage as mlflow_invalid_parameter, quoting what MLflow allows', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1 });
    const e = await caught(real().transitionStage(name, '1', 'Shipping' as Stage, false));
    expect(isMlflowError(e)).toBe(true);
    expect(hasErrorCode(e, 'mlflow_invalid_parameter')).toBe(true);
    expect((e as Error).message).toContain('Value must be one of None, Staging, Production, Archived');
    expect((e as Error).message).toContain(`version 1 of model '${name}'`);
  });

  it('reports a non-numeric version as mlflow_invalid_parameter instead of "not found"', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1 });
    await expect(real().getVersion(name, 'latest')).rejects.toMatchObject({ code: 'mlflow_invalid_parameter' });
  });
});

describe('MLflow errors from answers that are not MLflow JSON (proxies, gateways)', () => {
  let server: LocalServer;
  let answer: { status: number; body: string; json: boolean };
  beforeAll(async () => {
    server = await startLocalServer(() =>
      answer.json ? { kind: 'json', status: answer.status, body: JSON.parse(answer.body) } : { kind: 'text', status: answer.status, body: answer.body },
    );
  });
  afterAll(() => server.close());
  const viaProxy = () => new MlflowRegistry({ trackingUri: server.url, retries: 0, token: 'tok-SECRET-123' });

  it.each([
    [401, 'mlflow_unauthorized'],
    [403, 'mlflow_permission_denied'],
    [502, 'mlflow_unavailable'],
    [418, 'mlflow_invalid_parameter'],
  ] as const)('falls back to HTTP %i → %s when the body is an HTML page', async (status, code) => {
    answer = { status, body: '<html><body>Sign in</body></html>', json: false };
    const e = await caught(viaProxy().listVersions('m'));
    expect(e).toMatchObject({ code, status, remoteCode: undefined });
    expect(hasErrorCode(e, code)).toBe(true);
    expect((e as Error).message).not.toContain('<html>');
  });

  it('treats an HTML 404 as a wrong URL, not as a missing model', async () => {
    answer = { status: 404, body: '<!doctype html><title>404 Not Found</title>', json: false };
    const e = await caught(viaProxy().getModel('m'));
    expect(hasErrorCode(e, 'mlflow_not_found')).toBe(true);
    expect((e as Error).message).toContain('check the tracking URI');
  });

  it('reports a 200 answer of the wrong shape as mlflow_unexpected_response naming the field, not the body', async () => {
    answer = { status: 200, body: JSON.stringify({ registered_model: { name: 5, description: 'leak-me' } }), json: true };
    const e = await caught(viaProxy().getModel('m'));
    expect(hasErrorCode(e, 'mlflow_unexpected_response')).toBe(true);
    expect((e as Error).message).toContain('registered_model.name');
    expect((e as Error).message).not.toContain('leak-me');
  });

  it('never shows the token in the message, the cause or a serialised error', async () => {
    answer = { status: 401, body: JSON.stringify({ error_code: 'UNAUTHENTICATED', message: 'bad credentials' }), json: true };
    const e = await caught(viaProxy().listModelsWithTag('zenml.mlflow_notion_managed'));
    expect(isMlflowError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'mlflow_unauthorized', status: 401, remoteCode: 'UNAUTHENTICATED' });
    const everything = `${(e as Error).message} ${inspect(e, { depth: 10, showHidden: true })} ${JSON.stringify(e)}`;
    expect(everything).not.toContain('tok-SECRET-123');
    expect(server.seen.at(-1)?.headers.authorization).toBe('Bearer tok-SECRET-123');
  });
});
