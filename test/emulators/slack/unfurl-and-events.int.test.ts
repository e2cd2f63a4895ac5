/**
 * The emulator's Events API side and chat.unfurl, through the real WebClient: link_shared is delivered signed (v0
 * HMAC over the raw JSON body) with the fields Slack sends, and chat.unfurl refuses what Slack refuses.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack';
import { slackSignature } from '../../support/slack-requests';
import { emulatorClient } from '../../support/slack-clients';

const SECRET = 'events-signing-secret';
const URL_A = 'https://mlflow.example.com/#/models/churn/versions/5';
const URL_B = 'https://mlflow.example.com/#/models/churn';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

let emu: SlackEmulator;
let client: WebClient;
let app: Server;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  emu = await startSlackEmulator({
    events: { requestUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`, signingSecret: SECRET },
  });
  client = emulatorClient(emu);
});
afterAll(async () => {
  await emu.stop();
  await new Promise((resolve) => app.close(resolve));
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

describe('link_shared delivery', () => {
  it('posts the person’s message and sends a signed event_callback with the links', async () => {
    const shared = await emu.events.shareLink({ channel: 'C0GENERAL', user: 'U0ALICE', urls: [URL_A, URL_B], text: 'look' });
    const last = received.at(-1);
    if (!last) throw new Error('no event received');
    const ts = Number(last.headers['x-slack-request-timestamp']);
    expect(last.headers['x-slack-signature']).toBe(slackSignature(SECRET, ts, last.body));
    expect(last.headers['content-type']).toBe('application/json');
    const body = JSON.parse(last.body) as { type: string; event: Record<string, unknown>; event_id: string };
    expect(body).toMatchObject({ type: 'event_callback', event_id: shared.eventId });
    expect(body.event).toMatchObject({
      type: 'link_shared',
      channel: 'C0GENERAL',
      user: 'U0ALICE',
      message_ts: shared.messageTs,
      unfurl_id: shared.unfurlId,
      source: 'conversations_history',
      links: [
        { domain: 'mlflow.example.com', url: URL_A },
        { domain: 'mlflow.example.com', url: URL_B },
      ],
    });
    expect(emu.messages('C0GENERAL').find((m) => m.ts === shared.messageTs)).toMatchObject({ text: `look <${URL_A}> <${URL_B}>`, source: 'user' });
  });
});

describe('chat.unfurl', () => {
  it('attaches valid blocks to the shared message, and a second call replaces that link’s unfurl', async () => {
    const shared = await emu.events.shareLink({ channel: 'C0GENERAL', urls: [URL_A, URL_B] });
    await client.chat.unfurl({ channel: 'C0GENERAL', ts: shared.messageTs, unfurls: { [URL_A]: { blocks: [section('first')] } } });
    await client.chat.unfurl({
      channel: 'C0GENERAL',
      ts: shared.messageTs,
      unfurls: { [URL_A]: { blocks: [section('second')] }, [URL_B]: { blocks: [section('b')] } },
    });
    const m = emu.messages('C0GENERAL').find((x) => x.ts === shared.messageTs);
    expect(m?.unfurls).toEqual({ [URL_A]: { blocks: [section('second')] }, [URL_B]: { blocks: [section('b')] } });
  });

  it('unfurls a composer link by unfurl_id and source, and refuses either without the other', async () => {
    const shared = await emu.events.shareLink({ channel: 'C0GENERAL', urls: [URL_A], source: 'composer' });
    expect(emu.messages('C0GENERAL').find((m) => m.ts === shared.messageTs)).toBeUndefined();
    await client.chat.unfurl({ unfurl_id: shared.unfurlId, source: 'composer', unfurls: { [URL_A]: { blocks: [section('c')] } } });
    expect(emu.workspace.sharedLinks.get(shared.unfurlId)?.unfurls).toEqual({ [URL_A]: { blocks: [section('c')] } });
    expect(await slackError(client.apiCall('chat.unfurl', { unfurl_id: shared.unfurlId, unfurls: JSON.stringify({ [URL_A]: {} }) }))).toBe('invalid_arguments');
    expect(await slackError(client.chat.unfurl({ unfurl_id: 'unknown', source: 'composer', unfurls: { [URL_A]: {} } }))).toBe('cannot_unfurl_url');
  });

  it('refuses links the event did not carry, unknown messages and channels, and malformed unfurls', async () => {
    const shared = await emu.events.shareLink({ channel: 'C0GENERAL', urls: [URL_A] });
    const at = { channel: 'C0GENERAL', ts: shared.messageTs };
    expect(await slackError(client.chat.unfurl({ ...at, unfurls: { 'https://other.example/x': { blocks: [section('x')] } } }))).toBe('cannot_unfurl_url');
    expect(await slackError(client.chat.unfurl({ channel: 'C0GENERAL', ts: '1.000001', unfurls: { [URL_A]: {} } }))).toBe('cannot_find_message');
    expect(await slackError(client.chat.unfurl({ channel: 'C0NOWHERE', ts: shared.messageTs, unfurls: { [URL_A]: {} } }))).toBe('cannot_find_channel');
    expect(await slackError(client.apiCall('chat.unfurl', { ...at }))).toBe('missing_unfurls');
    expect(await slackError(client.apiCall('chat.unfurl', { ...at, unfurls: '{not json' }))).toBe('invalid_unfurls_format');
    expect(await slackError(client.apiCall('chat.unfurl', { ...at, unfurls: JSON.stringify([URL_A]) }))).toBe('invalid_unfurls_format');
    expect(await slackError(client.chat.unfurl({ ...at, unfurls: { [URL_A]: { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '' } }] } } }))).toBe(
      'invalid_blocks',
    );
    expect(emu.messages('C0GENERAL').find((m) => m.ts === shared.messageTs)?.unfurls).toBeUndefined();
  });
});
