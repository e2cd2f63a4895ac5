/**
 * Link unfurling and `/model diff` end to end: a person shares MLflow links in the Slack emulator, which sends the
 * real Bolt app a signed `link_shared` event; the app reads the real MLflow server and answers with chat.unfurl,
 * whose payload the emulator validates as Slack does (links of that event only, Block Kit blocks).
 */
import { createRun, mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { messageText, startModelApp, type ModelApp } from './support/model-app';
import { mrkdwnVisibleText } from './support/playground-mrkdwn';

jest.setTimeout(180_000);
const WAIT_MS = 45_000;

let app: ModelApp;
let model: string;
beforeAll(async () => {
  app = await startModelApp();
  model = uniqueModelName('unfurl');
  const base = mlflowTestUrl();
  const run1 = await createRun(base, { metrics: { val_loss: 0.31, accuracy: 0.91, throughput: 100 }, params: { lr: '0.01', depth: '6' } });
  const run2 = await createRun(base, {
    metrics: { val_loss: 0.27, accuracy: 0.89, throughput: 120, f1: 0.7 },
    params: { lr: '0.001', depth: '6', seed: '42' },
  });
  await mlflowRest(base, 'POST', 'registered-models/create', { name: model, tags: [{ key: app.sync.managedTag, value: 'true' }] });
  for (const runId of [run1, run2]) await mlflowRest(base, 'POST', 'model-versions/create', { name: model, source: `runs:/${runId}/model`, run_id: runId });
  await mlflowRest(base, 'POST', 'model-versions/transition-stage', { name: model, version: '2', stage: 'Staging', archive_existing_versions: false });
  await mlflowRest(base, 'POST', 'registered-models/alias', { name: model, alias: 'challenger', version: '2' });
  // The sync writes the Notion link back to MLflow, so the preview has all three links.
  await app.sync.reconciler.reconcile({ model });
});
afterAll(async () => app.stop());

/** The unfurls chat.unfurl attached to the shared message, once there. */
function unfurlsOf(channel: string, ts: string): Record<string, { blocks: unknown[] }> | undefined {
  return app.emulator.messages(channel).find((m) => m.ts === ts)?.unfurls as Record<string, { blocks: unknown[] }> | undefined;
}

describe('shared MLflow links', () => {
  it('unfurl a version page into its stage, aliases, key metrics and the three links', async () => {
    const url = app.sync.registry.versionUrl(model, '2');
    const shared = await app.emulator.events.shareLink({ channel: 'C0GENERAL', urls: [url], text: 'shipping this one?' });
    expect(shared.status).toBe(200);
    const unfurls = await app.emulator.waitFor(() => unfurlsOf('C0GENERAL', shared.messageTs), WAIT_MS);
    const text = messageText({ blocks: unfurls[url]?.blocks });
    const visible = mrkdwnVisibleText(text);
    expect(visible).toContain(`${model} v2 · Staging · @challenger`);
    expect(visible).toContain('accuracy 0.89 · f1 0.7 · val_loss 0.27 · throughput 120');
    expect(text).toMatch(/\|MLflow>/);
    expect(text).toMatch(/\|Notion>/);
    const call = app.emulator.calls('chat.unfurl').at(-1);
    expect(call).toMatchObject({ ok: true, args: { channel: 'C0GENERAL', ts: shared.messageTs } });
  });

  it('unfurl a model page into its stage holders, aliases and latest version', async () => {
    const url = app.sync.registry.modelUrl(model);
    const shared = await app.emulator.events.shareLink({ channel: 'C0GENERAL', urls: [url] });
    const unfurls = await app.emulator.waitFor(() => unfurlsOf('C0GENERAL', shared.messageTs), WAIT_MS);
    const visible = mrkdwnVisibleText(messageText({ blocks: unfurls[url]?.blocks }));
    expect(visible).toContain(`${model} · 2 versions (latest v2, Staging)`);
    expect(visible).toContain('Production: — · Staging: v2 · Aliases: @challenger → v2');
  });

  it('unfurl a link still in the composer through its unfurl_id', async () => {
    const url = app.sync.registry.versionUrl(model, '1');
    const shared = await app.emulator.events.shareLink({ channel: 'C0GENERAL', urls: [url], source: 'composer' });
    await app.emulator.waitFor(() => Object.keys(app.emulator.workspace.sharedLinks.get(shared.unfurlId)?.unfurls ?? {}).length > 0, WAIT_MS);
    expect(app.emulator.calls('chat.unfurl').at(-1)).toMatchObject({ ok: true, args: { unfurl_id: shared.unfurlId, source: 'composer' } });
    const visible = mrkdwnVisibleText(
      messageText({ blocks: (app.emulator.workspace.sharedLinks.get(shared.unfurlId)?.unfurls[url] as { blocks: unknown[] }).blocks }),
    );
    expect(visible).toContain(`${model} v1 · None`);
  });

  it('leave other pages, other hosts and missing versions as plain links, and unfurl the rest of the message', async () => {
    const page = app.sync.registry.versionUrl(model, '1');
    const others = [
      app.sync.registry.versionUrl(model, '99'),
      app.sync.registry.modelUrl(`${model}-missing`),
      `${mlflowTestUrl()}/#/experiments/0`,
      'https://mlflow.elsewhere.example/#/models/x/versions/1',
    ];
    const before = app.emulator.calls('chat.unfurl').length;
    const onlyOthers = await app.emulator.events.shareLink({ channel: 'C0GENERAL', urls: others });
    const mixed = await app.emulator.events.shareLink({ channel: 'C0GENERAL', urls: [...others, page] });
    const unfurls = await app.emulator.waitFor(() => unfurlsOf('C0GENERAL', mixed.messageTs), WAIT_MS);
    expect(Object.keys(unfurls)).toEqual([page]);
    expect(unfurlsOf('C0GENERAL', onlyOthers.messageTs)).toBeUndefined();
    expect(
      app.emulator
        .calls('chat.unfurl')
        .slice(before)
        .every((c) => c.ok),
    ).toBe(true);
    expect(app.emulator.calls('chat.unfurl').slice(before)).toHaveLength(1);
  });
});

describe('/model diff', () => {
  async function diff(text: string): Promise<string> {
    const sent = await app.slack.command('/model', text);
    const reply = await app.emulator.waitFor(() => app.emulator.responses(sent.responseUrl)[0], WAIT_MS);
    return mrkdwnVisibleText(messageText(reply as never));
  }

  it('shows metrics with deltas and better/worse by direction, the params that differ, and links both runs', async () => {
    const shown = await diff(`diff ${model} 1 v2`);
    expect(shown).toContain('val_loss: 0.31 → 0.27 (−0.04) 🟢 better');
    expect(shown).toContain('accuracy: 0.91 → 0.89 (−0.02) 🔴 worse');
    expect(shown).toContain('throughput: 100 → 120 (+20) direction unknown');
    expect(shown).toContain('f1: — → 0.7 (only in v2)');
    expect(shown).toContain('Metrics (v1 → v2: 1 better, 1 worse)');
    expect(shown).toContain('lr: 0.01 → 0.001');
    expect(shown).toContain('seed: — → 42');
    expect(shown).toContain('Same params (1): depth');
    const raw = messageText((await app.emulator.responses().at(-1)) as never);
    const v1 = await app.sync.registry.getVersion(model, '1');
    expect(raw).toContain(`|run ${v1?.runId.slice(0, 8)}>`);
    expect(raw).toContain(`${mlflowTestUrl()}/#/runs/${v1?.runId}`);
  });

  it('says which versions exist when one is missing, and refuses the same version twice before asking MLflow', async () => {
    expect(await diff(`diff ${model} 1 7`)).toContain(`model ${model} has no version 7 (latest is 2)`);
    expect(await diffInAck(`diff ${model} 2 2`)).toContain('Give two different versions to compare, not v2 twice.');
  });

  async function diffInAck(text: string): Promise<string> {
    const sent = await app.slack.command('/model', text);
    return mrkdwnVisibleText((JSON.parse(sent.text) as { text: string }).text);
  }
});
