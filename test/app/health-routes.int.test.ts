/**
 * /healthz and /readyz of the real app (startApp) under load, counting what reaches the dependencies: MLflow through
 * a loopback counting proxy in front of the real server, Notion through the emulator's own request counters.
 * /healthz calls nothing; /readyz answers from one shared probe cached for 10 s and never asks Notion.
 */
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { createLogger } from '../../src/adapters/log/logger';
import { READINESS_CACHE_MS } from '../../src/app/readiness';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { loadConfig } from '../../src/config';
import { recordSlackFigure } from '../reliability/support/slack-figures';
import { appEnv } from '../support/app-env';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness';

jest.setTimeout(120_000);

const REQUESTS = 500;
const CONCURRENCY = 25;

let h: SyncHarness;
let slack: SlackEmulator;
let mlflow: CountingProxy;
let app: RunningApp;
let appUrl: string;
const logLines: string[] = [];

beforeAll(async () => {
  [h, slack] = await Promise.all([startSyncHarness(), startSlackEmulator()]);
  mlflow = await startCountingProxy(h.mlflowUrl);
  const notion = { token: h.notion.token, url: h.notion.url, databaseId: h.databaseId };
  const config = loadConfig(appEnv({ mlflowUrl: mlflow.url, notion, slack }, { MANAGED_TAG: h.managedTag }), 'app');
  const logger = createLogger({ level: 'warn', secrets: [], destination: { write: (l: string) => void logLines.push(l) } });
  app = await startApp(config, { port: 0, schedule: false, logger });
  appUrl = `http://127.0.0.1:${app.port}`;
});
afterAll(async () => {
  await app?.stop();
  await mlflow?.stop();
  await Promise.all([h?.stop(), slack?.stop()]);
});

/** `count` GETs of `route`, `CONCURRENCY` at a time; the status and body of each. */
async function hammer(route: string, count: number): Promise<{ status: number; text: string }[]> {
  const answers: { status: number; text: string }[] = [];
  for (let sent = 0; sent < count; sent += CONCURRENCY) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, count - sent) }, async () => {
        const res = await fetch(`${appUrl}${route}`);
        return { status: res.status, text: await res.text() };
      }),
    );
    answers.push(...batch);
  }
  return answers;
}

describe('health routes under load', () => {
  it('answers 500 /healthz requests without a single Notion or MLflow request', async () => {
    h.notion.counters.reset();
    mlflow.reset();
    const answers = await hammer('/healthz', REQUESTS);
    expect(answers.every((a) => a.status === 200 && JSON.parse(a.text).status === 'ok')).toBe(true);
    expect(h.notion.counters.snapshot().total).toBe(0);
    expect(mlflow.requests()).toHaveLength(0);
    recordSlackFigure({
      fault: `${REQUESTS} GET /healthz`,
      injected: REQUESTS,
      expectedEffects: 0,
      observedEffects: 0,
      losses: 0,
      detail: '0 Notion, 0 MLflow requests',
    });
  });

  it('answers 500 /readyz requests from at most a handful of probes, never asks Notion, and serves no host names', async () => {
    h.notion.counters.reset();
    mlflow.reset();
    const probesBefore = app.readiness.probesRun;
    const start = Date.now();
    const answers = await hammer('/readyz', REQUESTS);
    const elapsedMs = Date.now() - start;
    const probes = app.readiness.probesRun - probesBefore;

    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(JSON.parse(answers[0]!.text)).toEqual({ status: 'ok', mlflow: { reachable: true }, store: { reachable: true }, notion: { reachable: true } });
    // One probe per cache period at most (plus the one a period boundary may start).
    expect(probes).toBeGreaterThanOrEqual(1);
    expect(probes).toBeLessThanOrEqual(Math.ceil(elapsedMs / READINESS_CACHE_MS) + 1);
    expect(mlflow.requests().length).toBe(probes);
    expect(h.notion.counters.snapshot().total).toBe(0);
    for (const a of answers.slice(0, 5)) expect(a.text).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}|Error/);
    recordSlackFigure({
      fault: `${REQUESTS} GET /readyz`,
      injected: REQUESTS,
      expectedEffects: probes,
      observedEffects: mlflow.requests().length,
      losses: 0,
      detail: `${probes} probe(s) in ${elapsedMs} ms: ${mlflow.requests().length} MLflow request(s), 0 Notion requests`,
    });
  });

  it("reports Notion unreachable on /readyz (200, degraded) from the sync's own failed calls, still without asking Notion itself", async () => {
    h.notion.counters.reset();
    h.notion.faults.add({ kind: 'status', status: 503, count: 1_000 });
    try {
      await app.core.reconcile.onDemand({}).catch(() => undefined);
      const notionCalls = h.notion.counters.snapshot().total;
      // The cached answer stays for READINESS_CACHE_MS; the first request after it starts the probe that sees Notion failing.
      const deadline = Date.now() + READINESS_CACHE_MS + 10_000;
      let seen: { status: number; body: unknown; readinessLog: string[] };
      for (;;) {
        const res = await fetch(`${appUrl}/readyz`);
        // The readiness log lines carry the details the answer leaves out (shown if the status is not the expected one).
        seen = { status: res.status, body: await res.json(), readinessLog: logLines.filter((l) => l.includes('readiness')) };
        if ((seen.body as { status?: string }).status !== 'ok' || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(seen).toMatchObject({ status: 200, body: { status: 'degraded', notion: { reachable: false } } });
      expect(h.notion.counters.snapshot().total).toBe(notionCalls);
    } finally {
      h.notion.faults.clear();
    }
  });
});
