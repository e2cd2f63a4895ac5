import { aliasChangeMessage } from '../../../src/slack/blocks/alias-change.blocks';
import { registryEventMessage } from '../../../src/slack/blocks/registry-event.blocks';
import { messageText } from '../support/model-app';

const links = { mlflow: 'http://mlflow.test/#/models/churn/versions/5', notion: null, zenml: null };

describe('alias notices link models:/name@alias', () => {
  it('names the URI, the move and who asked and approved for an alias the app moved', () => {
    const m = aliasChangeMessage({
      kind: 'set',
      model: 'churn',
      alias: 'champion',
      version: '5',
      previousVersion: '4',
      actor: { kind: 'user', userId: 'U1', approvedBy: 'U2' },
      at: 0,
      modelUri: 'models:/churn@champion',
      links,
    });
    expect(m.text).toBe('churn: models:/churn@champion now serves v5');
    expect(messageText(m)).toContain('`@champion` → *v5* (was v4)\n`models:/churn@champion` now serves v5 · Requested by <@U1>, approved by <@U2>');
    const removed = aliasChangeMessage({
      kind: 'removed',
      model: 'churn',
      alias: 'challenger',
      version: '3',
      actor: { kind: 'user', userId: 'U1' },
      at: 0,
      modelUri: 'models:/churn@challenger',
      links,
    });
    expect(messageText(removed)).toContain('`models:/churn@challenger` no longer resolves');
  });

  it('adds the URI to alias changes reported by the MLflow webhook', () => {
    expect(messageText(registryEventMessage({ kind: 'alias_set', model: 'churn', alias: 'champion', version: '5', at: 0, links }))).toContain(
      '`models:/churn@champion` now serves v5',
    );
    expect(messageText(registryEventMessage({ kind: 'alias_removed', model: 'churn', alias: 'champion', at: 0 }))).toContain(
      '`models:/churn@champion` no longer resolves',
    );
  });
});
