/**
 * Slack re-sends and replays against the real app (Bolt over signed HTTP, Slack emulator, real MLflow, Notion
 * emulator, SQLite store): a command or click re-sent with X-Slack-Retry-Num, or the same signed body replayed, has its
 * effect once — also when the retry arrives while the first is still running, and after a restart; the same signed
 * body replayed after 5 minutes is refused with 401.
 */
import { signedHeaders } from '../support/slack-requests';
import { TEST_SIGNING_SECRET } from '../support/slack-app';
import { CHANNELS, messageText, startModelApp, USERS, type ModelApp } from '../slack/support/model-app';
import { recordSlackFigure } from './support/slack-figures';
import { approvalMessage, approveBody, auditEvents, commandBody, seedModel, until } from './support/slack-seed';

jest.setTimeout(90_000);

let app: ModelApp;
beforeEach(async () => {
  app = await startModelApp();
});
afterEach(async () => {
  jest.restoreAllMocks();
  await app.stop();
});

/** Sends exactly these bytes with exactly these headers, as a replaying client or Slack's retry would. */
async function send(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  // The harness knows where the (restarted) app listens; raw fetch lets a test pick every header itself.
  const { appUrl } = (app.slack as unknown as { options: { appUrl: string } }).options;
  const res = await fetch(`${appUrl}/slack/events`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

const requestMessages = (name: string) => app.channel(CHANNELS.approvals).filter((m) => messageText(m).includes(name));

describe('Slack retries and replays of /model', () => {
  it('posts one approval request when Slack re-sends the command while the first is running, again later, and after a restart', async () => {
    const { name, registry } = await seedModel(app, 'retry');
    const { body, responseUrl } = commandBody(app, `promote ${name} 2 production`);
    const headers = signedHeaders(TEST_SIGNING_SECRET, body);

    // The first delivery and two retries at once: the retries arrive while the first is still working.
    const burst = await Promise.all([
      send(body, headers),
      send(body, { ...signedHeaders(TEST_SIGNING_SECRET, body, { retryNum: 1 }) }),
      send(body, { ...signedHeaders(TEST_SIGNING_SECRET, body, { retryNum: 2, retryReason: 'http_error' }) }),
    ]);
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200]);
    await until(() => app.emulator.responses(responseUrl).find((r) => (r.text ?? '').includes('Approval requested')));

    const later = await send(body, signedHeaders(TEST_SIGNING_SECRET, body, { retryNum: 3 }));
    expect(later).toEqual({ status: 200, text: '' });
    await app.restart();
    const afterRestart = await send(body, signedHeaders(TEST_SIGNING_SECRET, body, { retryNum: 4, retryReason: 'timeout' }));
    expect(afterRestart.status).toBe(200);

    expect(requestMessages(name)).toHaveLength(1);
    expect(await auditEvents(app, registry, name, '2')).toEqual(['requested']);
    // Only the first delivery answered the user; the retries were acknowledged and nothing else.
    expect(app.emulator.responses(responseUrl)).toHaveLength(1);
    recordSlackFigure({
      fault: 'slash command re-sent with X-Slack-Retry-Num (2 during, 1 after, 1 after a restart)',
      injected: 4,
      expectedEffects: 1,
      observedEffects: requestMessages(name).length,
      losses: requestMessages(name).length - 1,
    });
  });

  it('runs a signed command replayed within the 5-minute window once, and refuses the same bytes replayed after 5 minutes with 401', async () => {
    const { name, registry } = await seedModel(app, 'replay');
    const { body } = commandBody(app, `promote ${name} 2 production`);
    const headers = signedHeaders(TEST_SIGNING_SECRET, body);
    expect((await send(body, headers)).status).toBe(200);
    await approvalMessage(app, name);
    await until(async () => (await auditEvents(app, registry, name, '2')).includes('requested'));

    const inWindow = await send(body, headers);
    expect(inWindow).toEqual({ status: 200, text: '' });

    // Six minutes later, as seen by the app (Bolt compares the signed timestamp with Date.now()).
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 6 * 60_000);
    const late = await send(body, headers);
    jest.restoreAllMocks();
    expect(late.status).toBe(401);

    expect(requestMessages(name)).toHaveLength(1);
    expect(await auditEvents(app, registry, name, '2')).toEqual(['requested']);
    recordSlackFigure({
      fault: 'signed /model body replayed (once within 5 min, once after 6 min)',
      injected: 2,
      expectedEffects: 1,
      observedEffects: requestMessages(name).length,
      losses: requestMessages(name).length - 1,
      detail: `in window: ack-only; after: HTTP ${late.status}`,
    });
  });

  it('refuses a forged command (signed with another secret) and one whose timestamp was moved, without any effect', async () => {
    const { name } = await seedModel(app, 'forged');
    const { body } = commandBody(app, `promote ${name} 2 production`);
    const forged = await send(body, signedHeaders('not-the-signing-secret-0123456789', body));
    const good = signedHeaders(TEST_SIGNING_SECRET, body);
    // A replayer cannot refresh the timestamp: the signature covers it.
    const moved = await send(body, { ...good, 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000) + 1) });
    expect([forged.status, moved.status]).toEqual([401, 401]);
    expect(requestMessages(name)).toHaveLength(0);
  });
});

describe('Slack retries and duplicates of button clicks', () => {
  it('turns the same Approve payload delivered three times (two at once, one after a restart) into one transition', async () => {
    const { name, registry } = await seedModel(app, 'dupclick');
    await app.slack.command('/model', `promote ${name} 2 production`);
    const { ts, id } = await approvalMessage(app, name);
    const { body, responseUrl } = approveBody(app, ts, id, USERS.approver);

    const both = await Promise.all([
      send(body, signedHeaders(TEST_SIGNING_SECRET, body)),
      send(body, signedHeaders(TEST_SIGNING_SECRET, body, { retryNum: 1 })),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    await until(async () => (await registry.getVersion(name, '2'))?.stage === 'Production');
    await app.restart();
    expect((await send(body, signedHeaders(TEST_SIGNING_SECRET, body, { retryNum: 2 }))).status).toBe(200);
    await until(() => messageText(app.channel(CHANNELS.approvals).find((m) => m.ts === ts)).includes('Approved'));

    const events = await auditEvents(app, registry, name, '2');
    expect(events.filter((e) => e === 'transitioned')).toHaveLength(1);
    expect(events.filter((e) => e === 'approved')).toHaveLength(1);
    const notices = app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(`${name}* v2`));
    expect(notices).toHaveLength(1);
    // The duplicates were acknowledged silently: no "already approved" note for a click the user made once.
    expect(app.emulator.responses(responseUrl)).toHaveLength(0);
    recordSlackFigure({
      fault: 'identical block_actions payload delivered 3 times (2 concurrent, 1 after restart)',
      injected: 3,
      expectedEffects: 1,
      observedEffects: events.filter((e) => e === 'transitioned').length,
      losses: events.filter((e) => e === 'transitioned').length - 1,
    });
  });
});
