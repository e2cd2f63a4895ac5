import type { WebClient } from '@slack/web-api';
import { MemoryLock } from '../../../src/adapters/store/memory.lock';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { SubscriptionBook } from '../../../src/core/subscriptions/subscription-book';
import { esc, message } from '../../../src/slack/blocks/block-kit';
import { ChannelFanOut, type Notice } from '../../../src/slack/notifier/channel-fan-out';
import { InMemoryState } from '../../support/fakes/in-memory-state';

/** A Web API client whose chat.postMessage answers per channel: ok, or Slack's error code. */
function client(refusals: Record<string, string>) {
  const posted: string[] = [];
  const fake = {
    chat: {
      postMessage: async ({ channel }: { channel: string }) => {
        posted.push(channel);
        const error = refusals[channel];
        if (error) throw Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });
        return { ok: true, channel, ts: '1.000001' };
      },
    },
  };
  return { posted, client: fake as unknown as WebClient };
}

function setup(refusals: Record<string, string> = {}) {
  const clock = { now: () => 1_750_000_000_000 };
  const book = new SubscriptionBook(new InMemoryState(clock), new MemoryLock(clock), clock);
  const c = client(refusals);
  return { book, posted: c.posted, fanOut: new ChannelFanOut(c.client, book, silentLogger) };
}

const notice = (defaultChannel: string | undefined): Notice => ({
  kind: 'stages',
  models: ['churn'],
  defaultChannel,
  defaultHint: 'check SLACK_NOTIFY_CHANNEL',
  message: message(esc('churn v2: None → Staging'), []),
});

describe('ChannelFanOut', () => {
  it('posts to the default channel and each matching subscribed channel once', async () => {
    const { book, posted, fanOut } = setup();
    await book.subscribe('CNOTIFY', '*', ['stages'], 'U1');
    await book.subscribe('CTEAM', 'churn*', ['stages'], 'U1');
    await book.subscribe('CTEAM', 'ch?rn', ['stages'], 'U1');
    await book.subscribe('COTHER', 'fraud', ['stages'], 'U1');
    await fanOut.post(notice('CNOTIFY'));
    expect(posted.sort()).toEqual(['CNOTIFY', 'CTEAM']);
  });

  it('posts a notice of two kinds (a stage and an alias moved together) once to each channel subscribed to either', async () => {
    const { book, posted, fanOut } = setup();
    await book.subscribe('CSTAGES', 'churn', ['stages'], 'U1');
    await book.subscribe('CALIASES', 'churn', ['aliases'], 'U1');
    await book.subscribe('CBOTH', 'churn', ['stages', 'aliases'], 'U1');
    await book.subscribe('CVERSIONS', 'churn', ['versions'], 'U1');
    await fanOut.post({ ...notice('CNOTIFY'), alsoKinds: ['aliases'] });
    expect(posted.sort()).toEqual(['CALIASES', 'CBOTH', 'CNOTIFY', 'CSTAGES']);
  });

  it('suspends a subscribed channel Slack says is gone after one failed post, and keeps telling the others', async () => {
    const { book, posted, fanOut } = setup({ GSECRET: 'channel_not_found', CBUSY: 'ratelimited' });
    for (const c of ['GSECRET', 'CBUSY', 'CTEAM']) await book.subscribe(c, 'churn', ['stages'], 'U1');
    await fanOut.post(notice('CNOTIFY'));
    await fanOut.post(notice('CNOTIFY'));
    expect(posted.filter((c) => c === 'GSECRET')).toHaveLength(1);
    // A passing failure is not a reason to stop: the next notice tries again.
    expect(posted.filter((c) => c === 'CBUSY')).toHaveLength(2);
    expect(posted.filter((c) => c === 'CTEAM')).toHaveLength(2);
    expect((await book.of('GSECRET')).suspended).toMatchObject({ reason: 'channel_not_found' });
  });

  it("throws the default channel's refusal, after the subscribed channels were told", async () => {
    const { book, posted, fanOut } = setup({ CNOTIFY: 'not_in_channel' });
    await book.subscribe('CTEAM', 'churn', ['stages'], 'U1');
    await expect(fanOut.post(notice('CNOTIFY'))).rejects.toThrow('Slack refused chat.postMessage (not_in_channel): check SLACK_NOTIFY_CHANNEL');
    expect(posted).toContain('CTEAM');
    expect((await book.of('CNOTIFY')).suspended).toBeUndefined();
  });

  it('still tells the default channel when the subscriptions cannot be read', async () => {
    const { posted } = setup();
    const broken = { channelsFor: async () => Promise.reject(new Error('store down')), suspend: async () => false };
    const c = client({});
    await new ChannelFanOut(c.client, broken, silentLogger).post(notice('CNOTIFY'));
    expect(c.posted).toEqual(['CNOTIFY']);
    expect(posted).toEqual([]);
  });
});
