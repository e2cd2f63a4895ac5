/**
 * A read-only command shed under overload gets a plain "busy" answer within 3 s of its ack (never a 30 s timeout),
 * through the real Bolt app, signed requests and the real MLflow behind a slow proxy.
 */
import { MlflowRegistry, type MlflowRegistryOptions } from '../../src/adapters/mlflow';
import { MLFLOW_MODES } from '../../src/adapters/mlflow/mlflow.http';
import { AfterAckWork, DEFAULT_AFTER_ACK } from '../../src/slack/listeners/after-ack-work';
import { ResponseTracker } from '../support/command-burst';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy';
import { createManagedModel } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { startModelApp, type ModelApp } from './support/model-app';

jest.setTimeout(90_000);

/** What a shed command's answer says (src/slack/blocks/busy.blocks.ts). */
const busyText = (n: number) => `:hourglass: modelsync is busy (${n} ${n === 1 ? 'request' : 'requests'} waiting), try again in a minute.`;
const isBusyText = (t: string | undefined) => /^:hourglass: modelsync is busy \(\d+ requests? waiting\), try again in a minute\.$/.test(t ?? '');
/** Slack users see a busy answer this soon after the ack, or the promise is broken. */
const BUSY_WITHIN_MS = 3_000;

describe('/model status under overload (real Bolt, signed requests, real MLflow behind a slow proxy)', () => {
  let proxy: CountingProxy;
  let models: string[];
  let app: ModelApp | undefined;

  beforeAll(async () => {
    proxy = await startCountingProxy(mlflowTestUrl());
    models = [];
    for (let i = 0; i < 4; i += 1) models.push((await createManagedModel(mlflowTestUrl(), { versions: 1 })).name);
  });
  afterEach(async () => {
    proxy.setDelay(0);
    proxy.reset();
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => proxy.stop());

  const start = (mlflow: Partial<MlflowRegistryOptions>, work?: AfterAckWork) =>
    startModelApp({
      cachedRegistry: new MlflowRegistry({ trackingUri: proxy.url, readCacheMs: 0, ...mlflow }).withMode(MLFLOW_MODES.cachedReads),
      work,
    });

  /** Sends `/model status` for every model at once; each answer with its time from the ack. */
  async function statusOfAll(a: ModelApp) {
    const tracker = new ResponseTracker(a.emulator);
    try {
      const sent = await Promise.all(
        models.map(async (name) => {
          const r = await a.slack.command('/model', `status ${name}`);
          return { name, status: r.status, responseUrl: r.responseUrl, ackedAt: performance.now() };
        }),
      );
      return await Promise.all(
        sent.map(async (s) => {
          const answer = await tracker.waitFor(s.responseUrl, 30_000);
          return { ...s, text: answer?.text, afterAckMs: (answer?.at ?? Infinity) - s.ackedAt };
        }),
      );
    } finally {
      tracker.stop();
    }
  }

  it('sheds reads that find MLflow full: "busy" within 3 s of the ack, ephemeral, and nothing sent for them', async () => {
    // One call at a time and no queue: a second distinct read finds no slot and is shed at once.
    app = await start({ admission: { maxInFlight: 1, maxQueued: 0 } });
    proxy.setDelay(800);
    const answers = await statusOfAll(app);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const busy = answers.filter((a) => a.text === busyText(1));
    const answered = answers.filter((a) => a.text !== undefined && !isBusyText(a.text));
    expect(busy.length).toBeGreaterThanOrEqual(2);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    for (const a of busy) expect(a.afterAckMs).toBeLessThan(BUSY_WITHIN_MS);
    for (const a of answered) expect(a.text).toContain(a.name);
    expect(
      app.emulator
        .responses()
        .filter((r) => isBusyText(r.text))
        .every((r) => r.response_type === 'ephemeral'),
    ).toBe(true);
    // Shed calls never reached MLflow: only the admitted commands' reads did (model, versions, its aliases).
    expect(proxy.requests().length).toBeLessThanOrEqual(3 * answered.length);
  });

  it("tells a read that queues behind a slow MLflow it is busy by the end of its command's 2 s, however long MLFLOW_READ_MAX_WAIT_MS is", async () => {
    app = await start({ admission: { maxInFlight: 1, maxQueued: 10, readMaxWaitMs: 60_000 } });
    proxy.setDelay(1_500);
    const answers = await statusOfAll(app);
    const busy = answers.filter((a) => isBusyText(a.text));
    expect(busy.length).toBeGreaterThanOrEqual(2);
    for (const a of busy) expect(a.afterAckMs).toBeLessThan(BUSY_WITHIN_MS);
  });

  it('sheds commands the app itself cannot start in time, before they ask MLflow anything', async () => {
    app = await start({}, new AfterAckWork({ ...DEFAULT_AFTER_ACK, maxInFlight: 1, maxQueued: 0 }));
    proxy.setDelay(800);
    const answers = await statusOfAll(app);
    const busy = answers.filter((a) => a.text === busyText(1));
    expect(busy.length).toBeGreaterThanOrEqual(2);
    for (const a of busy) expect(a.afterAckMs).toBeLessThan(BUSY_WITHIN_MS);
    expect(proxy.requests().length).toBeLessThanOrEqual(3 * (answers.length - busy.length));
  });
});
