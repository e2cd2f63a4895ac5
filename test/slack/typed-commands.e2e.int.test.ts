/**
 * Commands as people type them in Slack, end to end (signed requests into the real Bolt app, real MLflow): names
 * with spaces in straight or curly quotes, the text Slack sends with &, <, > escaped, short stage words, "did you
 * mean" for a mistyped model name, and a registration whose run does not exist.
 */
import { createManagedModel } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import type { SentRequest } from '../support/slack-requests';
import { messageText, startModelApp, type ModelApp } from './support/model-app';

jest.setTimeout(90_000);

function reply(app: ModelApp, sent: SentRequest, includes: string) {
  const id = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  return app.emulator.waitFor(() => app.emulator.responses(id).find((r) => messageText(r as never).includes(includes)), 20_000);
}

/** What Slack puts in a slash command's `text`: its three control characters escaped. */
const asSlackSends = (typed: string) => typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('commands as people type them, end to end', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('finds a model whose name has spaces and an ampersand, typed in curly quotes and sent escaped', async () => {
    const name = `${uniqueModelName('fraud')} R&D v2`;
    await createManagedModel(mlflowTestUrl(), { name, versions: 2, managedTag: app.sync.managedTag });
    const sent = await app.slack.command('/model', asSlackSends(`status “${name}”`));
    const r = await reply(app, sent, 'v2');
    expect(messageText(r as never)).toContain(name.replace(/&/g, '&amp;'));
    expect(messageText(r as never)).not.toContain('no registered model');
  });

  it('promotes with a quoted name and a short stage word', async () => {
    const name = `${uniqueModelName('churn')} eu`;
    await createManagedModel(mlflowTestUrl(), { name, versions: 1, managedTag: app.sync.managedTag });
    const sent = await app.slack.command('/model', `promote "${name}" 1 stg`);
    await reply(app, sent, 'Staging');
    expect((await app.sync.registry.getVersion(name, '1'))?.stage).toBe('Staging');
  });

  it('says how to quote a name when its words were typed bare', async () => {
    const sent = await app.slack.command('/model', 'status fraud v2');
    expect(JSON.parse(sent.text).text).toContain('A model name with spaces goes in quotes: \\"fraud v2\\"'.replace(/\\"/g, '"'));
  });

  it('suggests the nearest managed model for a mistyped name', async () => {
    const name = uniqueModelName('recommender');
    await createManagedModel(mlflowTestUrl(), { name, versions: 1, managedTag: app.sync.managedTag });
    const typo = name.replace('recommender', 'recomender');
    const status = await app.slack.command('/model', `status ${typo}`);
    expect((await reply(app, status, 'no registered model')).text).toContain(`Did you mean \`${name}\`?`);
    const promote = await app.slack.command('/model', `promote ${typo} 1 prod`);
    expect((await reply(app, promote, 'no registered model')).text).toContain(`Did you mean \`${name}\`?`);
  });

  it('refuses to register a version from a run MLflow does not have, and creates nothing', async () => {
    const name = uniqueModelName('ghost');
    const runId = '0123456789abcdef0123456789abcdef';
    const sent = await app.slack.command('/model', `register ${name} runs:/${runId}/model`);
    const r = await reply(app, sent, 'Nothing was registered');
    expect(r.text).toContain(`MLflow has no run ${runId}`);
    expect(await app.sync.registry.getModel(name)).toBeUndefined();
  });
});
