import { ErrorCode, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { emulatorClient, quietSlackLogger } from '../../support/slack-clients';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack';

let emu: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  emu = await startSlackEmulator();
  client = emulatorClient(emu);
});
afterAll(async () => emu.stop());
beforeEach(() => emu.reset());

/** The Slack error code of a rejected WebClient call. */
async function slackError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (e) {
    const err = e as WebAPIPlatformError;
    if (err.code !== ErrorCode.PlatformError) throw e;
    return { error: err.data.error, messages: err.data.response_metadata?.messages ?? [] };
  }
  throw new Error('expected the call to fail');
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('Slack emulator through the real WebClient', () => {
  it('answers auth.test with the bot identity Bolt needs', async () => {
    const r = await client.auth.test();
    expect(r).toMatchObject({ ok: true, user_id: emu.workspace.identity.botUserId, bot_id: emu.workspace.identity.botId });
  });

  it('posts a message, returns its ts and keeps it in the channel history with block ids filled in', async () => {
    const first = await client.chat.postMessage({ channel: 'C0MODELS', text: 'one', blocks: [section('*one*')] });
    const second = await client.chat.postMessage({ channel: 'C0MODELS', text: 'two' });
    expect(first).toMatchObject({ ok: true, channel: 'C0MODELS', message: { text: 'one', bot_id: emu.workspace.identity.botId } });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const history = emu.messages('C0MODELS');
    expect(history.map((m) => m.text)).toEqual(['one', 'two']);
    expect((history[0]?.blocks?.[0] as { block_id?: string }).block_id).toEqual(expect.any(String));
    expect(emu.calls('chat.postMessage')[0]?.args).toMatchObject({ channel: 'C0MODELS', blocks: [section('*one*')] });
  });

  it('resolves a channel name to its id', async () => {
    const r = await client.chat.postMessage({ channel: '#general', text: 'hi' });
    expect(r.channel).toBe('C0GENERAL');
  });

  it('updates a message in place by channel and ts, and refuses an unknown ts with message_not_found', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0MODELS', text: 'pending' });
    const updated = await client.chat.update({ channel: 'C0MODELS', ts: posted.ts as string, text: 'approved' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'approved' });
    expect(emu.messages('C0MODELS').map((m) => m.text)).toEqual(['approved']);
    expect(await slackError(client.chat.update({ channel: 'C0MODELS', ts: '1.000001', text: 'x' }))).toMatchObject({ error: 'message_not_found' });
  });

  it('posts an ephemeral message visible to one user and answers message_ts', async () => {
    const r = await client.chat.postEphemeral({ channel: 'C0MODELS', user: 'U0ALICE', text: 'only you' });
    expect(r.message_ts).toEqual(expect.any(String));
    expect(emu.messages('C0MODELS')).toEqual([expect.objectContaining({ ts: r.message_ts, visibleTo: 'U0ALICE' })]);
  });

  it('refuses more than 50 blocks with invalid_blocks and a pointer to the list', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`block ${i}`));
    const err = await slackError(client.chat.postMessage({ channel: 'C0MODELS', text: 'many', blocks }));
    expect(err.error).toBe('invalid_blocks');
    expect(err.messages).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
    expect(emu.messages('C0MODELS')).toEqual([]);
  });

  it('accepts 3,000 characters of section text and refuses 3,001', async () => {
    await expect(client.chat.postMessage({ channel: 'C0MODELS', text: 't', blocks: [section('x'.repeat(3000))] })).resolves.toMatchObject({ ok: true });
    const err = await slackError(client.chat.postMessage({ channel: 'C0MODELS', text: 't', blocks: [section('x'.repeat(3001))] }));
    expect(err).toEqual({ error: 'invalid_blocks', messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] });
  });

  it.each([
    ['a header over 150 characters', { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }, '/blocks/0/text/text'],
    ['a header in mrkdwn', { type: 'header', text: { type: 'mrkdwn', text: 'h' } }, '/blocks/0/text/type'],
    [
      'button text over 75 characters',
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) } }] },
      '/blocks/0/elements/0/text/text',
    ],
    [
      'an action_id over 255 characters',
      { type: 'actions', elements: [{ type: 'button', action_id: 'a'.repeat(256), text: { type: 'plain_text', text: 'ok' } }] },
      '/blocks/0/elements/0/action_id',
    ],
    [
      'a button value over 2,000 characters',
      { type: 'actions', elements: [{ type: 'button', value: 'v'.repeat(2001), text: { type: 'plain_text', text: 'ok' } }] },
      '/blocks/0/elements/0/value',
    ],
    ['an unknown block type', { type: 'carousel' }, '/blocks/0'],
  ])('refuses %s with invalid_blocks', async (_name, block, pointer) => {
    const err = await slackError(client.chat.postMessage({ channel: 'C0MODELS', text: 't', blocks: [block as never] }));
    expect(err.error).toBe('invalid_blocks');
    expect(err.messages.join('\n')).toContain(`[json-pointer:${pointer}]`);
  });

  it('refuses a message with neither text nor blocks with no_text', async () => {
    expect(await slackError(client.chat.postMessage({ channel: 'C0MODELS' } as never))).toMatchObject({ error: 'no_text' });
  });

  it('refuses an unknown channel name with channel_not_found', async () => {
    expect(await slackError(client.chat.postMessage({ channel: '#nowhere', text: 'x' }))).toMatchObject({ error: 'channel_not_found' });
  });

  it('refuses a wrong token with invalid_auth and a missing one with not_authed, recording both', async () => {
    const wrong = emulatorClient(emu, { token: 'xoxb-wrong' });
    const none = new WebClient(undefined, { slackApiUrl: emu.apiUrl, logger: quietSlackLogger, retryConfig: { retries: 0 } });
    expect(await slackError(wrong.chat.postMessage({ channel: 'C0MODELS', text: 'x' }))).toMatchObject({ error: 'invalid_auth' });
    expect(await slackError(none.auth.test())).toMatchObject({ error: 'not_authed' });
    expect(emu.calls().map((c) => c.error)).toEqual(['invalid_auth', 'not_authed']);
  });

  it('answers every method with token_revoked or account_inactive once the bot token is killed, and works again when revived', async () => {
    try {
      emu.setBotTokenError('token_revoked');
      expect(await slackError(client.auth.test())).toMatchObject({ error: 'token_revoked' });
      expect(await slackError(client.chat.postMessage({ channel: 'C0MODELS', text: 'x' }))).toMatchObject({ error: 'token_revoked' });
      const admin = await fetch(`${emu.url}/__emulator/bot-token`, { method: 'POST', body: JSON.stringify({ error: 'account_inactive' }) });
      expect(admin.status).toBe(200);
      expect(await slackError(client.auth.test())).toMatchObject({ error: 'account_inactive' });
      expect(emu.messages('C0MODELS')).toEqual([]);
    } finally {
      emu.setBotTokenError(null);
    }
    expect(await client.auth.test()).toMatchObject({ ok: true, bot_id: emu.workspace.identity.botId });
  });

  it('opens a modal once per trigger_id and updates it, refusing a stale hash', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Register' }, blocks: [section('form')] };
    const triggerId = emu.triggerId();
    const opened = await client.views.open({ trigger_id: triggerId, view });
    expect(opened.view?.id).toMatch(/^V/);
    expect(await slackError(client.views.open({ trigger_id: triggerId, view }))).toMatchObject({ error: 'exchanged_trigger_id' });
    expect(await slackError(client.views.open({ trigger_id: 'nonsense', view }))).toMatchObject({ error: 'invalid_trigger_id' });
    const updated = await client.views.update({ view_id: opened.view?.id as string, hash: opened.view?.hash as string, view });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(await slackError(client.views.update({ view_id: opened.view?.id as string, hash: opened.view?.hash as string, view }))).toMatchObject({
      error: 'hash_conflict',
    });
  });

  it('refuses a modal title over 24 characters with invalid_arguments', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 't'.repeat(25) }, blocks: [] };
    const err = await slackError(client.views.open({ trigger_id: emu.triggerId(), view }));
    expect(err).toEqual({ error: 'invalid_arguments', messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] });
  });

  it('answers users.info and usergroups.users.list from seeded people', async () => {
    emu.seedUser({ id: 'U0ALICE', name: 'alice', realName: 'Alice Doe' });
    emu.seedUsergroup({ id: 'S0APPROVERS', handle: 'ml-approvers', users: ['U0ALICE', 'U0BOB'] });
    expect(await client.users.info({ user: 'U0ALICE' })).toMatchObject({ user: { id: 'U0ALICE', name: 'alice', real_name: 'Alice Doe' } });
    expect(await client.usergroups.users.list({ usergroup: 'S0APPROVERS' })).toMatchObject({ users: ['U0ALICE', 'U0BOB'] });
    expect(await slackError(client.usergroups.users.list({ usergroup: 'S0NONE' }))).toMatchObject({ error: 'no_such_subteam' });
    expect(await slackError(client.users.info({ user: 'U0NOBODY' }))).toMatchObject({ error: 'user_not_found' });
  });

  it('accepts JSON bodies with the token in the Authorization header only', async () => {
    const post = (headers: Record<string, string>, body: object) =>
      fetch(`${emu.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: JSON.stringify(body),
      });
    const ok = await post({ authorization: `Bearer ${emu.botToken}` }, { channel: 'C0MODELS', text: 'json' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, channel: 'C0MODELS' });
    const tokenInBody = await post({}, { token: emu.botToken, channel: 'C0MODELS', text: 'json' });
    expect(await tokenInBody.json()).toEqual({ ok: false, error: 'not_authed' });
  });
});
