/**
 * MLflow webhooks end to end: the real MLflow test server (started with its webhook settings) calls the real app
 * (startApp: Bolt HTTP server, SQLite store) on loopback; Notion and Slack are the emulators (test/support/webhook-app.ts).
 * Changes are made through MLflow's REST API, never through the app.
 */
import { signMlflowWebhook } from '../../src/adapters/mlflow/mlflow.webhooks.signature';
import { createModelVersion, mlflowRest } from '../support/mlflow-seed';
import { uniqueModelName } from '../support/names';
import { pageText, type SyncHarness } from '../support/sync-harness';
import { startWebhookApp, WEBHOOK_NOTIFY as NOTIFY, WEBHOOK_SECRET as SECRET, type WebhookApp } from '../support/webhook-app';

jest.setTimeout(240_000);

let w: WebhookApp;
let h: SyncHarness;
let appUrl: string;

const until: WebhookApp['until'] = (what, probe, timeoutMs) => w.until(what, probe, timeoutMs);
const logs = () => w.logs();
const watch = (model: string) => w.watch(model);
const handled = (model: string) => w.handled(model);
const pagesOf = (model: string) => w.pagesOf(model);
const notices = (model: string) => w.notices(model);

/** Posts to the app's webhook endpoint as MLflow would, with the given secret and timestamp. */
async function deliver(body: unknown, options: { secret?: string; deliveryId?: string; timestampS?: number } = {}) {
  const raw = JSON.stringify(body);
  const deliveryId = options.deliveryId ?? `test-${Math.random().toString(16).slice(2)}`;
  const ts = String(options.timestampS ?? Math.floor(Date.now() / 1000));
  const res = await fetch(`${appUrl}/mlflow/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-mlflow-delivery-id': deliveryId,
      'x-mlflow-timestamp': ts,
      'x-mlflow-signature': signMlflowWebhook(options.secret ?? SECRET, deliveryId, ts, raw),
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  // The plain webhook notices are under test here: with the guard on, a protected alias set through MLflow's API is
  // announced by the guard's alert instead (test/integration/webhooks-guard.e2e.int.test.ts).
  w = await startWebhookApp({ GUARD_MODE: 'off' });
  ({ h, appUrl } = w);
});

afterAll(async () => {
  await w?.stop();
});

describe('MLflow webhook → targeted sync and Slack notice', () => {
  it('mirrors a version registered through the MLflow API into Notion and announces it, and the tag it writes back ends the loop', async () => {
    const name = watch(uniqueModelName('wh'));
    await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/create', { name, tags: [{ key: h.managedTag, value: 'true' }] });
    const version = await createModelVersion(h.mlflowUrl, name);

    const [page] = await until('the Notion page', () => pagesOf(name).length > 0 && pagesOf(name));
    expect(pageText(page as Record<string, unknown>, 'Version')).toBe(version);
    const [notice] = await until('the Slack notice', () => notices(name).length > 0 && notices(name));
    expect(notice).toBe(`New version ${version} of ${name} registered in MLflow`);
    const posted = w.slack.messages(NOTIFY).find((m) => (m.text ?? '').includes(name));
    expect(JSON.stringify(posted?.blocks)).toContain('Notion');

    // The sync wrote notion_page_url back to MLflow: that tag.set event comes back, syncs once more, writes nothing.
    await until("the echo of the app's own tag write", () => handled(name).some((d) => d.event === 'model_version_tag.set'));
    const tagged = await mlflowRest<{ model_version: { tags: { key: string; value: string }[] } }>(h.mlflowUrl, 'GET', 'model-versions/get', { name, version });
    expect(tagged.model_version.tags.find((t) => t.key === 'notion_page_url')?.value).toBe(page?.url);
    // Quiet period: a loop would keep producing tag events for this version (MLflow delivers within ~1 s).
    await new Promise((r) => setTimeout(r, 3_000));
    const syncs = handled(name).flatMap((d) => d.synced);
    expect(syncs).toEqual([version, version]);
    expect(
      handled(name)
        .map((d) => d.event)
        .sort(),
    ).toEqual(['model_version.created', 'model_version_tag.set', 'registered_model.created']);
    expect(pagesOf(name)).toHaveLength(1);
    expect(notices(name)).toHaveLength(1);
  });

  it('shows an alias set through the MLflow API on the Notion page and announces it, and clears it when the alias moves', async () => {
    const name = watch(uniqueModelName('wh-alias'));
    await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/create', { name, tags: [{ key: h.managedTag, value: 'true' }] });
    const v1 = await createModelVersion(h.mlflowUrl, name);
    const v2 = await createModelVersion(h.mlflowUrl, name);
    await until('both pages', () => pagesOf(name).length === 2);

    await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: v1 });
    await until('the alias notice', () => notices(name).some((t) => t === `${name}: alias @champion now points to v${v1}`));
    const aliasesOf = (v: string) => pageText(pagesOf(name).find((p) => pageText(p, 'Version') === v) as Record<string, unknown>, 'Aliases');
    await until('the alias on the v1 page', () => aliasesOf(v1).includes('champion'));

    await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: v2 });
    await until('the moved alias', () => aliasesOf(v2).includes('champion') && !aliasesOf(v1).includes('champion'));
    await until('the moved-alias notice', () => notices(name).includes(`${name}: alias @champion now points to v${v2}`));
    const moved = w.slack.messages(NOTIFY).find((m) => m.text === `${name}: alias @champion now points to v${v2}`);
    expect(JSON.stringify(moved?.blocks)).toContain(`(was v${v1})`);
  });

  it('ignores versions of models that are not managed: no page, no notice', async () => {
    const name = watch(uniqueModelName('wh-unmanaged'));
    await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/create', { name });
    await createModelVersion(h.mlflowUrl, name);
    const [d] = await until('the delivery', () => handled(name).filter((x) => x.event === 'model_version.created').length > 0 && handled(name));
    expect(d?.synced).toEqual([]);
    expect(pagesOf(name)).toHaveLength(0);
    expect(notices(name)).toHaveLength(0);
  });
});

describe('the webhook endpoint refuses what MLflow did not send', () => {
  const body = (name: string, version = '1') => ({
    entity: 'model_version_tag',
    action: 'set',
    timestamp: new Date().toISOString(),
    data: { name, version, key: 'k', value: 'v' },
  });

  it('answers 401 to a forged signature and does no work', async () => {
    const name = watch(uniqueModelName('wh-forged'));
    const res = await deliver(body(name), { secret: 'not-the-shared-secret-at-all' });
    expect(res).toEqual({ status: 401, body: { error: 'signature refused' } });
    await w.app.webhook.drain();
    expect(handled(name)).toEqual([]);
    expect(logs().some((l) => l.msg === 'MLflow webhook delivery refused' && l.problem === 'bad_signature')).toBe(true);
  });

  it('answers 400 to a correctly signed delivery replayed after more than five minutes', async () => {
    const name = watch(uniqueModelName('wh-replay'));
    const res = await deliver(body(name), { timestampS: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res).toEqual({ status: 400, body: { error: 'timestamp outside the accepted window' } });
    await w.app.webhook.drain();
    expect(handled(name)).toEqual([]);
  });

  it('handles a delivery once: the same delivery id again is acknowledged as a duplicate and ignored', async () => {
    const name = watch(uniqueModelName('wh-dup'));
    const deliveryId = `dup-${name}`;
    expect(await deliver(body(name), { deliveryId })).toEqual({ status: 202, body: { status: 'accepted' } });
    expect(await deliver(body(name), { deliveryId })).toEqual({ status: 200, body: { status: 'duplicate' } });
    await w.app.webhook.drain();
    expect(handled(name)).toHaveLength(1);
  });

  it('never writes the shared secret to the logs', () => {
    expect(w.logText()).not.toContain(SECRET);
  });
});
