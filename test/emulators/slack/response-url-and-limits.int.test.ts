import type { WebAPIRateLimitedError } from '@slack/web-api';
import { emulatorClient } from '../../support/slack-clients';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack';

let emu: SlackEmulator;

beforeAll(async () => {
  emu = await startSlackEmulator();
});
afterAll(async () => emu.stop());
beforeEach(() => {
  emu.reset();
  emu.setRateLimit(null);
});

/** Posts to a response URL the way Bolt's respond() does: JSON body, no auth. */
function respond(url: string, body: object): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('Slack emulator response URLs', () => {
  it('records text, blocks, response_type and the replace/delete flags of every post', async () => {
    const url = emu.responseUrl('cmd-1');
    expect(url).toBe(`${emu.url}/__response/cmd-1`);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'done' } }];
    const res = await respond(url, { text: 'done', blocks, response_type: 'ephemeral', replace_original: true });
    expect(res.status).toBe(200);
    await respond(url, { delete_original: true });
    expect(emu.responses('cmd-1')).toEqual([
      expect.objectContaining({ text: 'done', blocks, response_type: 'ephemeral', replace_original: true, status: 200 }),
      expect.objectContaining({ delete_original: true, status: 200 }),
    ]);
    expect(emu.calls().map((c) => c.method)).toEqual(['response_url', 'response_url']);
  });

  it('replaces the clicked message when the URL is bound to it, and posts in_channel replies to the history', async () => {
    const client = emulatorClient(emu, { retryConfig: { retries: 3 } });
    const posted = await client.chat.postMessage({ channel: 'C0APPROVALS', text: 'Approve?' });
    const url = emu.responseUrl(undefined, { channel: 'C0APPROVALS', user: 'U0BOB', messageTs: posted.ts as string });
    await respond(url, { replace_original: true, text: 'Approved by Bob' });
    await respond(url, { response_type: 'in_channel', text: 'Promoted to Production' });
    expect(emu.messages('C0APPROVALS').map((m) => [m.text, m.visibleTo])).toEqual([
      ['Approved by Bob', undefined],
      ['Promoted to Production', undefined],
    ]);
  });

  it('refuses invalid blocks with HTTP 400 so that respond() fails loudly', async () => {
    const res = await respond(emu.responseUrl(), { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });

  it('accepts five posts to one response URL and refuses the sixth', async () => {
    const url = emu.responseUrl('five');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await respond(url, { text: `r${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
  });
});

describe('Slack emulator rate limiting', () => {
  it('answers 429 with Retry-After once the limit is spent, and the WebClient waits and retries', async () => {
    emu.setRateLimit({ limit: 2, windowMs: 1000, methods: ['chat.postMessage'] });
    const client = emulatorClient(emu, { retryConfig: { retries: 3 } });
    const results = [];
    for (const text of ['a', 'b', 'c']) results.push(await client.chat.postMessage({ channel: 'C0MODELS', text }));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(emu.calls('chat.postMessage').map((c) => c.status)).toEqual([200, 200, 429, 200]);
    expect(emu.messages('C0MODELS').map((m) => m.text)).toEqual(['a', 'b', 'c']);
  });

  it('tells a client that rejects rate-limited calls how long to wait', async () => {
    emu.setRateLimit({ limit: 1, windowMs: 60_000 });
    const client = emulatorClient(emu, { rejectRateLimitedCalls: true });
    await client.auth.test();
    const err = (await client.auth.test().catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(err.code).toBe('slack_webapi_rate_limited_error');
    expect(err.retryAfter).toBeGreaterThanOrEqual(59);
  });
});

describe('Slack emulator admin API and waitFor', () => {
  it('serves calls and channel histories over HTTP and resets', async () => {
    const client = emulatorClient(emu, { retryConfig: { retries: 3 } });
    await client.chat.postMessage({ channel: 'C0MODELS', text: 'hello' });
    const calls = (await (await fetch(`${emu.url}/__emulator/calls?method=chat.postMessage`)).json()) as { calls: unknown[] };
    expect(calls.calls).toHaveLength(1);
    const history = (await (await fetch(`${emu.url}/__emulator/messages?channel=C0MODELS`)).json()) as { messages: Array<{ text: string }> };
    expect(history.messages.map((m) => m.text)).toEqual(['hello']);
    expect((await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' })).status).toBe(200);
    expect(emu.calls()).toEqual([]);
  });

  it('seeds user groups over HTTP', async () => {
    await fetch(`${emu.url}/__emulator/usergroups`, { method: 'POST', body: JSON.stringify({ id: 'S0OPS', handle: 'ops', users: ['U0A'] }) });
    const client = emulatorClient(emu, { retryConfig: { retries: 3 } });
    expect((await client.usergroups.users.list({ usergroup: 'S0OPS' })).users).toEqual(['U0A']);
  });

  it('resolves waitFor when a matching call arrives and rejects after the timeout', async () => {
    const waiting = emu.waitFor((e) => e.calls('chat.postMessage')[0]);
    const client = emulatorClient(emu, { retryConfig: { retries: 3 } });
    await client.chat.postMessage({ channel: 'C0MODELS', text: 'later' });
    await expect(waiting).resolves.toMatchObject({ method: 'chat.postMessage', args: { text: 'later' } });
    await expect(emu.waitFor((e) => e.calls('views.open')[0], 50)).rejects.toThrow(/condition not met within 50 ms/);
  });
});
