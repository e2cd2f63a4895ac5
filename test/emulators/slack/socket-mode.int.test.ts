import WebSocket from 'ws';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack';

let emu: SlackEmulator;
const clients: WebSocket[] = [];

beforeAll(async () => {
  emu = await startSlackEmulator();
});
afterAll(async () => emu.stop());
afterEach(() => {
  for (const c of clients.splice(0)) c.terminate();
});

async function open(headers: Record<string, string>, body?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Connects a raw WebSocket client and collects its messages. */
async function connect(url: string): Promise<{ ws: WebSocket; messages: Array<Record<string, unknown>> }> {
  const ws = new WebSocket(url);
  clients.push(ws);
  const messages: Array<Record<string, unknown>> = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages };
}

async function until<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not met');
}

describe('Slack emulator apps.connections.open', () => {
  it('hands out a WebSocket URL for the app-level token in the Authorization header', async () => {
    const body = await open({ authorization: `Bearer ${emu.appToken}` });
    expect(body).toEqual({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/__socket\/[0-9a-f-]{36}\?app_id=A0MODELSYNC$/) });
  });

  it('refuses a bot token with not_allowed_token_type, no token with not_authed, and the app token as a POST parameter with invalid_auth', async () => {
    expect(await open({ authorization: `Bearer ${emu.botToken}` })).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await open({})).toEqual({ ok: false, error: 'not_authed' });
    expect(await open({}, `token=${emu.appToken}`)).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await open({ authorization: 'Bearer xapp-1-A0-1-somebodyelse' })).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('refuses the app-level token on a bot method with not_allowed_token_type', async () => {
    const res = await fetch(`${emu.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.appToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL', text: 'hi' }),
    });
    expect(await res.json()).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });
});

describe('Slack emulator Socket Mode link', () => {
  it('greets a new link with hello and refuses a second use of its ticket', async () => {
    const { url } = (await open({ authorization: `Bearer ${emu.appToken}` })) as { url: string };
    const { messages } = await connect(url);
    const hello = await until(() => messages[0]);
    expect(hello).toMatchObject({ type: 'hello', num_connections: expect.any(Number), connection_info: { app_id: 'A0MODELSYNC' } });
    await expect(connect(url)).rejects.toThrow(/401/);
  });

  it('delivers a slash command envelope and resolves with the ack and its payload', async () => {
    const { url } = (await open({ authorization: `Bearer ${emu.appToken}` })) as { url: string };
    const { ws, messages } = await connect(url);
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { envelope_id?: string };
      if (m.envelope_id) ws.send(JSON.stringify({ envelope_id: m.envelope_id, payload: { text: 'got it' } }));
    });
    const delivery = await emu.socketMode.deliverCommand({ command: '/model', text: 'help', userId: 'U0BOB' });
    const envelope = messages.find((m) => m.type === 'slash_commands') as Record<string, unknown> & { payload: Record<string, string> };
    expect(envelope).toMatchObject({ envelope_id: delivery.ack.envelope_id, accepts_response_payload: true });
    expect(envelope.payload).toMatchObject({
      command: '/model',
      text: 'help',
      user_id: 'U0BOB',
      response_url: delivery.responseUrl,
      trigger_id: delivery.triggerId,
    });
    expect(delivery.ack.payload).toEqual({ text: 'got it' });
    expect(emu.socketMode.acks().map((a) => a.envelope_id)).toContain(delivery.ack.envelope_id);
  });

  it('rejects a delivery nobody acknowledges in time', async () => {
    const { url } = (await open({ authorization: `Bearer ${emu.appToken}` })) as { url: string };
    const { messages } = await connect(url);
    await until(() => messages[0]);
    await expect(emu.socketMode.deliverAction({ actionId: 'approve', value: 'x' }, { ackTimeoutMs: 100 })).rejects.toThrow(/not acknowledged within 100 ms/);
    expect(messages.find((m) => m.type === 'interactive')).toMatchObject({
      accepts_response_payload: false,
      payload: { type: 'block_actions', actions: [{ action_id: 'approve', value: 'x' }] },
    });
  });

  it('sends disconnect with its reason and closes the link after the grace period', async () => {
    const { url } = (await open({ authorization: `Bearer ${emu.appToken}` })) as { url: string };
    const { ws, messages } = await connect(url);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await until(() => messages[0]);
    emu.socketMode.disconnect('warning', 50);
    expect(await closed).toBe(1000);
    expect(messages.at(-1)).toMatchObject({ type: 'disconnect', reason: 'warning' });
    await until(() => (emu.socketMode.openConnections().length === 0 ? true : undefined));
    await expect(emu.socketMode.deliverCommand({ command: '/model' })).rejects.toThrow(/no open Socket Mode connection/);
  });
});
