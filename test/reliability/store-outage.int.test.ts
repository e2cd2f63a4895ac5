/**
 * The state store failing under the real app (startApp: Bolt over signed HTTP, the real MLflow server, the Notion and
 * Slack emulators) with REDIS_URL on a real Debian redis-server that the test stops, pauses and fills to maxmemory:
 * every Slack request is acknowledged within 3 s and answered "the state store is unavailable; nothing was changed",
 * nothing reaches MLflow or a channel, the MLflow webhook answers 503 (with Retry-After) within 2 s, and everything
 * works again by itself once Redis is back.
 */
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { createLogger } from '../../src/adapters/log/logger';
import { signMlflowWebhook } from '../../src/adapters/mlflow/mlflow.webhooks.signature';
import { StoreUnavailableError } from '../../src/adapters/store/store.errors';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { loadConfig } from '../../src/config';
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { REASON_ACTION_ID, REASON_BLOCK_ID, REJECT_VIEW_CALLBACK_ID } from '../../src/slack/blocks/reject-modal.blocks';
import { createManagedModel, createModelVersion } from '../support/mlflow-seed';
import { uniqueModelName } from '../support/names';
import { appEnv } from '../support/app-env';
import { TEST_SIGNING_SECRET } from '../support/slack-app';
import { SlackRequestHarness } from '../support/slack-requests';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness';
import { buttons, messageText } from '../slack/support/model-app';
import { recordSlackFigure } from './support/slack-figures';
import { until } from './support/slack-seed';
import { fillToMaxmemory, liftMaxmemory, startRedisServer, type RedisServer } from './support/redis-server';

jest.setTimeout(120_000);

const WEBHOOK_SECRET = 'store-outage-webhook-secret-0123456789';
const APPROVALS = 'C0APPROVALS';
const ASKED = 'C0GENERAL';
const REQUESTER = 'U0ALICE';
const APPROVER = 'U0BOB';
const STORE_MESSAGE = 'The state store is unavailable; nothing was changed.';
const SLACK_ACK_LIMIT_MS = 3_000;
const WEBHOOK_ANSWER_LIMIT_MS = 2_000;

let redis: RedisServer;
let h: SyncHarness;
let slack: SlackEmulator;
let app: RunningApp;
let appUrl: string;
let harness: SlackRequestHarness;

beforeAll(async () => {
  [redis, h, slack] = await Promise.all([startRedisServer(), startSyncHarness(), startSlackEmulator()]);
  for (const id of [APPROVALS, ASKED]) slack.seedChannel({ id, name: id.toLowerCase() });
  for (const id of [REQUESTER, APPROVER]) slack.seedUser({ id, name: id.toLowerCase() });
  const config = loadConfig(
    appEnv(
      { mlflowUrl: h.mlflowUrl, notion: { token: h.notion.token, url: h.notion.url, databaseId: h.databaseId }, slack },
      {
        NOTION_REQUESTS_PER_SECOND: '1000',
        MANAGED_TAG: h.managedTag,
        SLACK_APPROVALS_CHANNEL: APPROVALS,
        APPROVERS: APPROVER,
        SYNC_ON_WRITE: 'false',
        REDIS_URL: redis.url,
        MLFLOW_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    ),
    'app',
  );
  const logger = createLogger({ level: 'silent', secrets: [] });
  app = await startApp(config, { port: 0, schedule: false, logger });
  appUrl = `http://127.0.0.1:${app.port}`;
  harness = new SlackRequestHarness({ appUrl, signingSecret: TEST_SIGNING_SECRET, emulator: slack, defaults: { userId: REQUESTER, channelId: ASKED } });
});
afterAll(async () => {
  await app?.stop();
  await Promise.all([redis?.stop(), h?.stop(), slack?.stop()]);
});

/** A model with v1 in Production and v2 in None. */
async function seedModel(prefix: string): Promise<string> {
  const name = uniqueModelName(prefix);
  await createManagedModel(h.mlflowUrl, { name, versions: 1, managedTag: h.managedTag });
  await createModelVersion(h.mlflowUrl, name);
  await h.registry.transitionStage(name, '1', 'Production', false);
  return name;
}

const stageOf = async (name: string, version: string) => (await h.registry.getVersion(name, version))?.stage;
const requestsFor = (name: string) => slack.messages(APPROVALS).filter((m) => m.visibleTo === undefined && messageText(m).includes(name));

/** Sends and times one request. */
async function timed<T>(send: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await send();
  return { result, ms: Math.round(performance.now() - start) };
}

async function readiness(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${appUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Posts one delivery to the webhook endpoint as MLflow would. */
async function deliver(model: string): Promise<{ status: number; retryAfter: string | null; ms: number }> {
  const raw = JSON.stringify({
    entity: 'model_version_tag',
    action: 'set',
    timestamp: new Date().toISOString(),
    data: { name: model, version: '1', key: 'k', value: 'v' },
  });
  const deliveryId = `outage-${Math.random().toString(16).slice(2)}`;
  const ts = String(Math.floor(Date.now() / 1000));
  const { result: res, ms } = await timed(() =>
    fetch(`${appUrl}/mlflow/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-mlflow-delivery-id': deliveryId,
        'x-mlflow-timestamp': ts,
        'x-mlflow-signature': signMlflowWebhook(WEBHOOK_SECRET, deliveryId, ts, raw),
      },
      body: raw,
    }),
  );
  await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ms };
}

const rejectModalBlocks = [
  {
    type: 'input',
    block_id: REASON_BLOCK_ID,
    label: { type: 'plain_text', text: 'Reason' },
    element: { type: 'plain_text_input', action_id: REASON_ACTION_ID, multiline: true },
  },
];

describe('Redis stopped', () => {
  it('acknowledges /model promote, an Approve click and a Reject submission within 3 s with the store message, changes nothing, and recovers when Redis is back', async () => {
    const name = await seedModel('outage');
    // While Redis is up: a pending request, so there is something to click on.
    await harness.command('/model', `promote ${name} 2 production`);
    const request = await until(() => requestsFor(name)[0]);
    const requestId = buttons(request)[APPROVE_ACTION_ID] as string;

    await redis.stop();
    try {
      const promote = await timed(() => harness.command('/model', `promote ${name} 2 production`));
      expect(promote.result.status).toBe(200);
      expect(promote.ms).toBeLessThan(SLACK_ACK_LIMIT_MS);
      const ackBody = JSON.parse(promote.result.text) as { response_type: string; text: string };
      expect(ackBody).toMatchObject({ response_type: 'ephemeral' });
      expect(ackBody.text).toContain(STORE_MESSAGE);
      expect(promote.result.text).not.toMatch(/at .*\.ts:\d+|Error:/);

      const click = await timed(() =>
        harness.blockAction({ actionId: APPROVE_ACTION_ID, value: requestId, messageTs: request.ts, userId: APPROVER, channelId: APPROVALS }),
      );
      expect(click.result.status).toBe(200);
      expect(click.ms).toBeLessThan(SLACK_ACK_LIMIT_MS);
      const told = await slack.waitFor((e) => e.responses(click.result.responseUrl)[0]);
      expect(told).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(told.text).toContain(STORE_MESSAGE);

      const submit = await timed(() =>
        harness.viewSubmission({
          callbackId: REJECT_VIEW_CALLBACK_ID,
          userId: APPROVER,
          blocks: rejectModalBlocks,
          values: { [REASON_BLOCK_ID]: { [REASON_ACTION_ID]: { type: 'plain_text_input', value: 'not yet' } } },
          privateMetadata: JSON.stringify({ requestId, channel: APPROVALS }),
        }),
      );
      expect(submit.ms).toBeLessThan(SLACK_ACK_LIMIT_MS);
      expect(JSON.parse(submit.result.text)).toEqual({ response_action: 'errors', errors: { [REASON_BLOCK_ID]: expect.stringContaining(STORE_MESSAGE) } });

      expect(await stageOf(name, '2')).toBe('None');
      expect(await stageOf(name, '1')).toBe('Production');
      expect(requestsFor(name)).toHaveLength(1);
      const down = await until(async () => {
        const r = await readiness();
        return r.status === 503 && r;
      });
      expect(down.body).toMatchObject({ status: 'down', store: { reachable: false } });
      recordSlackFigure({
        fault: 'Redis stopped: /model promote, Approve click, Reject submission',
        injected: 3,
        expectedEffects: 0,
        observedEffects: requestsFor(name).length - 1,
        losses: 0,
        detail: `acks in ${promote.ms} / ${click.ms} / ${submit.ms} ms, each answered "state store unavailable"; MLflow unchanged`,
      });
    } finally {
      await redis.restart();
    }

    const start = Date.now();
    await until(async () => (await readiness()).status === 200, 30_000);
    const recoveredMs = Date.now() - start;
    // Redis came back empty (no persistence): the request is asked again and posted again.
    const again = await harness.command('/model', `promote ${name} 2 production`);
    expect(again.status).toBe(200);
    await until(() => requestsFor(name).length === 2);
    recordSlackFigure({
      fault: 'Redis restarted after an outage',
      injected: 1,
      expectedEffects: 1,
      observedEffects: requestsFor(name).length - 1,
      losses: 0,
      detail: `/readyz ready again ${recoveredMs} ms after the restart; the next /model promote posted its request`,
    });
  });
});

describe('Redis refusing writes (maxmemory reached, noeviction)', () => {
  it('posts no approval request it could not store: the command is answered with the store message and MLflow is unchanged', async () => {
    const name = await seedModel('full');
    await fillToMaxmemory(redis.url);
    try {
      const promote = await timed(() => harness.command('/model', `promote ${name} 2 production`));
      expect(promote.ms).toBeLessThan(SLACK_ACK_LIMIT_MS);
      expect((JSON.parse(promote.result.text) as { text: string }).text).toContain(STORE_MESSAGE);

      // The approval service itself, below the middleware: the request is stored before it is posted.
      const version = await h.registry.getVersion(name, '2');
      if (!version) throw new Error('no version 2');
      const direct = app.core.approvals.request({ version, to: 'Production', requester: REQUESTER, originChannel: ASKED, archiveExisting: true });
      await expect(direct).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(direct).rejects.toMatchObject({ failure: 'full' });

      // Anything posted would be in the channel by now (posts follow within milliseconds).
      await new Promise((r) => setTimeout(r, 500));
      expect(requestsFor(name)).toEqual([]);
      expect(await stageOf(name, '2')).toBe('None');
      recordSlackFigure({
        fault: 'Redis at maxmemory (noeviction): /model promote and a direct approval request',
        injected: 2,
        expectedEffects: 0,
        observedEffects: requestsFor(name).length,
        losses: 0,
        detail: `ack in ${promote.ms} ms with "state store unavailable"; no approval message posted`,
      });
    } finally {
      await liftMaxmemory(redis.url);
    }
    await harness.command('/model', `promote ${name} 2 production`);
    await until(() => requestsFor(name).length === 1);
  });
});

describe('MLflow webhook during a store outage', () => {
  it('answers 503 with Retry-After within 2 s while Redis is stopped or paused, and 202 once it is back', async () => {
    const model = uniqueModelName('webhook-outage');
    expect((await deliver(model)).status).toBe(202);

    await redis.stop();
    let stopped: Awaited<ReturnType<typeof deliver>>;
    try {
      stopped = await deliver(model);
      expect(stopped).toMatchObject({ status: 503, retryAfter: '10' });
      expect(stopped.ms).toBeLessThan(WEBHOOK_ANSWER_LIMIT_MS);
    } finally {
      await redis.restart();
    }
    await until(async () => (await deliver(model)).status === 202, 15_000);

    redis.pause();
    let paused: Awaited<ReturnType<typeof deliver>>;
    try {
      paused = await deliver(model);
      expect(paused).toMatchObject({ status: 503, retryAfter: '10' });
      expect(paused.ms).toBeLessThan(WEBHOOK_ANSWER_LIMIT_MS);
    } finally {
      redis.resume();
    }
    await until(async () => (await deliver(model)).status === 202, 15_000);
    recordSlackFigure({
      fault: 'MLflow webhook while Redis is stopped / paused',
      injected: 2,
      expectedEffects: 2,
      observedEffects: 2,
      losses: 0,
      detail: `503 + Retry-After in ${stopped.ms} ms (stopped) and ${paused.ms} ms (paused); 202 again after recovery`,
    });
  });
});
