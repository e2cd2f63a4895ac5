/**
 * Threads and DMs in the Slack emulator, through the real WebClient, with Slack's field names: thread_ts and
 * reply_broadcast on chat.postMessage, thread_broadcast replies, the parent's reply_count / reply_users /
 * latest_reply, conversations.replies, and the bot's DM with a user (a user ID as channel, conversations.open).
 */
import { ErrorCode, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { emulatorClient } from '../../support/slack-clients';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack';

let emu: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  emu = await startSlackEmulator();
  client = emulatorClient(emu);
});
afterAll(async () => emu.stop());
beforeEach(() => {
  emu.reset();
  emu.seedUser({ id: 'U0ALICE', name: 'alice' });
  emu.seedUser({ id: 'U0GONE', name: 'gone', deleted: true });
});

async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (e) {
    const err = e as WebAPIPlatformError;
    if (err.code !== ErrorCode.PlatformError) throw e;
    return err.data.error;
  }
  throw new Error('expected the call to fail');
}

describe('Slack emulator threads', () => {
  it('posts replies in a thread, broadcasts one to the channel, and shows the thread on the parent and in conversations.replies', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0APPROVALS', text: 'request' });
    const quiet = await client.chat.postMessage({ channel: 'C0APPROVALS', thread_ts: parent.ts, text: 'in the thread' });
    const loud = await client.chat.postMessage({ channel: 'C0APPROVALS', thread_ts: parent.ts as string, reply_broadcast: true, text: 'also in the channel' });
    expect(quiet.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: emu.workspace.identity.botUserId });
    expect(quiet.message).not.toHaveProperty('subtype');
    expect(loud.message).toMatchObject({ thread_ts: parent.ts, subtype: 'thread_broadcast' });

    const replies = await client.conversations.replies({ channel: 'C0APPROVALS', ts: parent.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['request', 'in the thread', 'also in the channel']);
    expect(replies.messages?.[0]).toMatchObject({
      ts: parent.ts,
      thread_ts: parent.ts,
      reply_count: 2,
      reply_users_count: 1,
      reply_users: [emu.workspace.identity.botUserId],
      latest_reply: loud.ts,
    });
    expect(replies.has_more).toBe(false);
  });

  it('ignores reply_broadcast without thread_ts, and answers thread_not_found for a ts that is no parent (channel_not_found for an unknown channel)', async () => {
    // The SDK's types forbid it (reply_broadcast goes with thread_ts); sent raw, it is a plain top-level post.
    const top = (await client.apiCall('chat.postMessage', { channel: 'C0NOTIFY', reply_broadcast: true, text: 'top level' })) as {
      ts?: string;
      message?: Record<string, unknown>;
    };
    expect(top.message).not.toHaveProperty('subtype');
    expect(top.message).not.toHaveProperty('thread_ts');
    expect(await slackError(client.conversations.replies({ channel: 'C0NOTIFY', ts: '1.000001' }))).toBe('thread_not_found');
    expect(await slackError(client.conversations.replies({ channel: 'C0NOWHERE0', ts: top.ts as string }))).toBe('channel_not_found');
  });
});

describe('Slack emulator DMs', () => {
  it('posts to the bot DM when the channel is a user ID, and answers with the im channel id', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0ALICE', text: 'your request was approved' });
    expect(posted.channel).toMatch(/^D/);
    expect(emu.messages(posted.channel as string).map((m) => m.text)).toEqual(['your request was approved']);
    const info = await client.conversations.info({ channel: posted.channel as string });
    expect(info.channel).toMatchObject({ id: posted.channel, is_im: true, user: 'U0ALICE' });
  });

  it('opens the same DM with conversations.open, saying when it was already open', async () => {
    const first = await client.conversations.open({ users: 'U0ALICE' });
    expect(first.channel?.id).toMatch(/^D/);
    expect(first.already_open).toBeUndefined();
    const again = await client.conversations.open({ users: 'U0ALICE', return_im: true });
    expect(again).toMatchObject({ already_open: true, no_op: true, channel: { id: first.channel?.id, is_im: true, user: 'U0ALICE' } });
    const posted = await client.chat.postMessage({ channel: first.channel?.id as string, text: 'hello' });
    expect(posted.channel).toBe(first.channel?.id);
  });

  it('refuses unknown, deactivated and missing users', async () => {
    expect(await slackError(client.conversations.open({ users: 'U0NOBODY' }))).toBe('user_not_found');
    expect(await slackError(client.conversations.open({ users: 'U0GONE' }))).toBe('user_disabled');
    expect(await slackError(client.conversations.open({} as never))).toBe('users_list_not_supplied');
    expect(await slackError(client.chat.postMessage({ channel: 'U0NOBODY', text: 'x' }))).toBe('channel_not_found');
  });
});
