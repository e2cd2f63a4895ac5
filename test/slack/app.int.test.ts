import type { App } from '@slack/bolt';
import { ModelsyncError } from '../../src/core/errors';
import { silentLogger } from '../../src/core/ports/logger.port';
import { createSlackApp } from '../../src/slack/app';
import type { HealthReport } from '../../src/slack/http/health.route';
import { HEALTHY, startSlackAppFixture, TEST_SIGNING_SECRET, type SlackAppFixture } from '../support/slack-app';

class RegistryDownError extends ModelsyncError {
  readonly code = 'mlflow_unreachable';
  readonly system = 'mlflow' as const;
}

let fx: SlackAppFixture;
let health: HealthReport | Error = HEALTHY;
const seen: Array<{ kind: string; text?: string; retryNum?: number }> = [];

/** Trivial listeners: enough to prove requests reach Bolt and replies reach Slack. */
function registerTestListeners(app: App): void {
  app.command('/ping', async ({ ack, command, respond, context }) => {
    await ack();
    seen.push({ kind: 'command', text: command.text, retryNum: context.retryNum });
    await respond({ text: `pong ${command.text}` });
  });
  app.command('/explode', async ({ ack }) => {
    await ack();
    throw new RegistryDownError('MLflow is not reachable right now', { cause: new Error(`ECONNREFUSED ${TEST_SIGNING_SECRET}`) });
  });
  app.action('approve', async ({ ack, action, respond }) => {
    await ack();
    seen.push({ kind: 'action', text: (action as { value?: string }).value });
    await respond({ replace_original: true, text: 'Approved' });
  });
  app.view('register', async ({ ack, view }) => {
    seen.push({ kind: 'view', text: view.private_metadata });
    await ack();
  });
}

beforeAll(async () => {
  fx = await startSlackAppFixture({
    registerListeners: registerTestListeners,
    readiness: async () => {
      if (health instanceof Error) throw health;
      return health;
    },
    routes: [{ path: '/hooks/test', method: 'POST', handler: (_req, res) => void res.writeHead(204).end() }],
  });
});
afterAll(async () => fx.stop());
beforeEach(() => {
  seen.length = 0;
  health = HEALTHY;
  fx.emulator.reset();
});

describe('Slack app shell over signed HTTP requests', () => {
  it('accepts a correctly signed slash command, runs the listener and replies through the response URL', async () => {
    const sent = await fx.slack.command('/ping', 'hello world');
    expect(sent.status).toBe(200);
    const reply = await fx.emulator.waitFor((e) => e.responses(sent.responseUrl)[0]);
    expect(reply).toMatchObject({ text: 'pong hello world', status: 200 });
    expect(seen).toEqual([{ kind: 'command', text: 'hello world', retryNum: undefined }]);
  });

  it('refuses a request with a bad signature with 401 and never runs the listener', async () => {
    const sent = await fx.slack.command('/ping', 'forged', {}, { badSignature: true });
    expect(sent.status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('refuses a request signed more than 5 minutes ago with 401', async () => {
    const sent = await fx.slack.command('/ping', 'replayed', {}, { ageSeconds: 6 * 60 });
    expect(sent.status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('accepts a request signed 4 minutes ago', async () => {
    const sent = await fx.slack.command('/ping', 'late', {}, { ageSeconds: 4 * 60 });
    expect(sent.status).toBe(200);
    await fx.emulator.waitFor((e) => e.responses(sent.responseUrl)[0]);
  });

  it("hands Slack's retry number to listeners", async () => {
    const sent = await fx.slack.command('/ping', 'again', {}, { retryNum: 1 });
    await fx.emulator.waitFor((e) => e.responses(sent.responseUrl)[0]);
    expect(seen).toEqual([{ kind: 'command', text: 'again', retryNum: 1 }]);
  });

  it('routes a button click to the action listener, which replaces the clicked message', async () => {
    const posted = await fx.handle.app.client.chat.postMessage({ channel: 'C0APPROVALS', text: 'Promote churn v3?' });
    const sent = await fx.slack.blockAction({ actionId: 'approve', value: 'req-42', channelId: 'C0APPROVALS', messageTs: posted.ts as string });
    expect(sent.status).toBe(200);
    await fx.emulator.waitFor((e) => e.responses(sent.responseUrl)[0]);
    expect(seen).toEqual([{ kind: 'action', text: 'req-42' }]);
    expect(fx.emulator.messages('C0APPROVALS').map((m) => m.text)).toEqual(['Approved']);
  });

  it('routes a modal submission to the view listener', async () => {
    const sent = await fx.slack.viewSubmission({ callbackId: 'register', privateMetadata: '{"channel":"C1"}' });
    expect(sent.status).toBe(200);
    expect(seen).toEqual([{ kind: 'view', text: '{"channel":"C1"}' }]);
  });

  it('logs a thrown error by class with its cause and tells the user one safe sentence', async () => {
    const sent = await fx.slack.command('/explode', '');
    const reply = await fx.emulator.waitFor((e) => e.responses(sent.responseUrl)[0]);
    expect(reply.text).toBe('Sorry, that did not work: MLflow is not reachable right now.');
    expect(reply.response_type).toBe('ephemeral');
    const logged = await waitForLog((l) => l.msg === 'unhandled error in a Slack listener');
    expect(logged).toMatchObject({ errorClass: 'RegistryDownError', code: 'mlflow_unreachable', expected: true });
    expect(JSON.stringify(logged)).toContain('ECONNREFUSED [redacted]');
  });

  it('never writes the signing secret or the bot token to the logs', async () => {
    const sent = await fx.slack.command('/ping', TEST_SIGNING_SECRET);
    await fx.emulator.waitFor((e) => e.responses(sent.responseUrl)[0]);
    await fx.handle.app.client.auth.test();
    const raw = fx.rawLogs();
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toContain(TEST_SIGNING_SECRET);
    expect(raw).not.toContain(fx.emulator.botToken);
  });
});

describe('Slack app HTTP routes', () => {
  it('answers GET /readyz with 200 and each dependency when MLflow is reachable, without latency or error text', async () => {
    health = { mlflow: { reachable: true, latencyMs: 3 }, notion: { reachable: false, detail: 'Notion answered 503' } };
    const res = await fetch(`${fx.appUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'degraded', mlflow: { reachable: true }, notion: { reachable: false } });
  });

  it('answers GET /readyz with 503 when MLflow is unreachable', async () => {
    health = { mlflow: { reachable: false, detail: 'connection refused' }, notion: { reachable: true } };
    const res = await fetch(`${fx.appUrl}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'down', mlflow: { reachable: false } });
  });

  it('answers GET /readyz with 503 when the state store is unreachable', async () => {
    health = { mlflow: { reachable: true }, store: { reachable: false, detail: 'ECONNREFUSED redis.internal:6379' }, notion: { reachable: true } };
    const res = await fetch(`${fx.appUrl}/readyz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'down', mlflow: { reachable: true }, store: { reachable: false }, notion: { reachable: true } });
    expect(text).not.toContain('redis.internal');
  });

  it('answers GET /readyz with 503 and no error text when the check itself throws', async () => {
    health = new Error(`boom ${TEST_SIGNING_SECRET}`);
    const res = await fetch(`${fx.appUrl}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain('boom');
  });

  it('answers GET /healthz (liveness) with 200 without consulting the readiness check, even when it throws', async () => {
    health = new Error('dependencies down');
    const res = await fetch(`${fx.appUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('serves extra routes registered at creation', async () => {
    expect((await fetch(`${fx.appUrl}/hooks/test`, { method: 'POST' })).status).toBe(204);
  });
});

describe('Slack app construction', () => {
  const base = { botToken: 'xoxb-x', logger: silentLogger, registerListeners: () => {}, readiness: async () => HEALTHY };

  it('refuses Socket Mode without an app-level token', () => {
    expect(() => createSlackApp({ ...base, socketMode: true })).toThrow(/SLACK_APP_TOKEN/);
  });

  it('refuses HTTP mode without a signing secret, since requests could not be verified', () => {
    expect(() => createSlackApp({ ...base, socketMode: false })).toThrow(/SLACK_SIGNING_SECRET/);
  });
});

/** Polls the captured log until a line matches (logging is asynchronous to the HTTP answer). */
async function waitForLog(match: (l: Record<string, unknown>) => boolean, timeoutMs = 3000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = fx.logs().find(match);
    if (line) return line;
    if (Date.now() > deadline) throw new Error('log line not written');
    await new Promise((r) => setTimeout(r, 20));
  }
}
