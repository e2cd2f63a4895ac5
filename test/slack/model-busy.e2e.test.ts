/**
 * A read-only command shed under overload gets a plain "busy" answer within seconds of its ack (never a 30 s
 * timeout), through the real Bolt app, signed requests and the real MLflow behind a slow proxy.
 */
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { MLFLOW_MODES } from '../../src/adapters/mlflow/mlflow.http';
import { ResponseTracker } from '../support/command-burst';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy';
import { createManagedModel } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { startModelApp, type ModelApp } from './support/model-app';

jest.setTimeout(60_000);

/** What a shed command's answer says (src/slack/blocks/busy.blocks.ts). */
const BUSY = ':hourglass: modelsync is busy (1 request waiting), try again in a minute.';
/** Slack users see a busy answer this soon after the ack, or the promise is broken. */
const BUSY_WITHIN_MS = 3_000;

describe('/model status under overload (real Bolt, signed requests, real MLflow behind a slow proxy)', () => {
  let app: ModelApp;
  let proxy: CountingProxy;
  let models: string[];

  beforeAll(async () => {
    proxy = await startCountingProxy(mlflowTestUrl());
    models = [];
    for (let i = 0; i < 4; i += 1) models.push((await createManagedModel(mlflowTestUrl(), { versions: 1 })).name);
    // One call at a time and no queue: a second distinct read finds no slot and is shed at once.
    const cachedRegistry = new MlflowRegistry({ trackingUri: proxy.url, admission: { maxInFlight: 1, maxQueued: 0 }, readCacheMs: 0 }).withMode(
      MLFLOW_MODES.cachedReads,
    );
    app = await startModelApp({ cachedRegistry });
  });
  afterAll(async () => {
    await app.stop();
    await proxy.stop();
  });

  it('answers the shed commands "busy" within 3 s of their ack, ephemerally, and the admitted one with its status', async () => {
    proxy.setDelay(800);
    const tracker = new ResponseTracker(app.emulator);
    try {
      const sent = await Promise.all(
        models.map(async (name) => {
          const r = await app.slack.command('/model', `status ${name}`);
          return { name, ...r, ackedAt: performance.now() };
        }),
      );
      expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200]);
      const answers = await Promise.all(sent.map(async (s) => ({ s, answer: await tracker.waitFor(s.responseUrl, 20_000) })));
      const busy = answers.filter((a) => a.answer?.text === BUSY);
      const answered = answers.filter((a) => a.answer && a.answer.text !== BUSY);
      expect(busy.length).toBeGreaterThanOrEqual(2);
      expect(answered.length).toBeGreaterThanOrEqual(1);
      for (const { s, answer } of busy) expect((answer?.at ?? Infinity) - s.ackedAt).toBeLessThan(BUSY_WITHIN_MS);
      for (const { s, answer } of answered) expect(answer?.text).toContain(s.name);
      const replies = app.emulator.responses().filter((r) => r.text === BUSY);
      expect(replies.every((r) => r.response_type === 'ephemeral')).toBe(true);
      // Shed calls never reached MLflow: only the admitted command's reads did (model, versions, its aliases).
      expect(proxy.requests().length).toBeLessThanOrEqual(3 * answered.length);
    } finally {
      tracker.stop();
      proxy.setDelay(0);
    }
  });
});
