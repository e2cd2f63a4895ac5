import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MlflowWebhooks } from '../../src/adapters/mlflow/mlflow.webhooks.client';
import { runCli, EXIT_BAD_CONFIG, EXIT_ERRORS, EXIT_OK } from '../../src/cli/main';
import { mlflowTestUrl, uniqueModelName } from '../support/names';

/** A receiver that answers every delivery with `status` (what the app would answer). */
let receiver: Server;
let receiverUrl: string;
let answer = 202;
const api = () => new MlflowWebhooks({ baseUrl: mlflowTestUrl() });
const names: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(answer).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mlflow/webhook`;
});

afterAll(async () => {
  for (const w of (await api().list()).filter((x) => names.includes(x.name))) await api().delete(w.id);
  await new Promise((r) => receiver.close(r));
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    MLFLOW_TRACKING_URI: mlflowTestUrl(),
    NOTION_API_TOKEN: 'secret_test',
    NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef',
    MLFLOW_WEBHOOK_SECRET: 'cli-test-secret-0123456789',
    MLFLOW_WEBHOOK_URL: receiverUrl,
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

async function cli(args: string[], e: Record<string, string> = env()) {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    e,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

function uniqueName(): string {
  const n = uniqueModelName('webhook');
  names.push(n);
  return n;
}

describe('modelsync webhooks', () => {
  it('installs one webhook for the six registry events, and a second install updates it instead of adding another', async () => {
    const name = uniqueName();
    const first = await cli(['webhooks', 'install', '--name', name]);
    expect(first).toMatchObject({ code: EXIT_OK, err: '' });
    expect(first.out).toContain(`Created webhook '${name}'`);
    const second = await cli(['webhooks', 'install', '--name', name]);
    expect(second.out).toContain('URL, events and status were already right; secret re-sent');
    const mine = (await api().list()).filter((w) => w.name === name);
    expect(mine).toHaveLength(1);
    expect([...(mine[0]?.events ?? [])].sort()).toEqual([
      'model_version.created',
      'model_version_alias.created',
      'model_version_alias.deleted',
      'model_version_tag.deleted',
      'model_version_tag.set',
      'registered_model.created',
    ]);
    expect(mine[0]).toMatchObject({ url: receiverUrl, status: 'ACTIVE' });
  });

  it('repairs a disabled webhook with a stale URL and says what it changed', async () => {
    const name = uniqueName();
    await cli(['webhooks', 'install', '--name', name]);
    const [w] = (await api().list()).filter((x) => x.name === name);
    await api().update(w?.id as string, { name, url: `${receiverUrl}?old`, events: ['model_version.created'], secret: 'x'.repeat(16), status: 'DISABLED' });
    const status = await cli(['webhooks', 'status', '--name', name]);
    expect(status.code).toBe(EXIT_ERRORS);
    expect(status.out).toContain('problems: status is DISABLED; missing events:');
    const repaired = await cli(['webhooks', 'install', '--name', name]);
    expect(repaired.out).toContain('changed: url, events, status');
    expect(await cli(['webhooks', 'status', '--name', name])).toMatchObject({ code: EXIT_OK });
  });

  it('reports status as JSON and exits 1 when no webhook of that name exists', async () => {
    const missing = await cli(['webhooks', 'status', '--name', uniqueName(), '--json']);
    expect(missing.code).toBe(EXIT_ERRORS);
    expect(JSON.parse(missing.out)).toMatchObject({ installed: false, webhooks: [] });
  });

  it('has MLflow send a test delivery and explains a refused signature', async () => {
    const name = uniqueName();
    await cli(['webhooks', 'install', '--name', name]);
    answer = 202;
    const ok = await cli(['webhooks', 'test', '--name', name]);
    expect(ok).toMatchObject({ code: EXIT_OK });
    expect(ok.out).toContain('HTTP 202');
    answer = 401;
    const refused = await cli(['webhooks', 'test', '--name', name]);
    expect(refused.code).toBe(EXIT_ERRORS);
    expect(refused.err).toContain('MLFLOW_WEBHOOK_SECRET differs');
    answer = 202;
  });

  it('exits 2 naming the missing settings, and never prints the secret', async () => {
    const e = env();
    delete e.MLFLOW_WEBHOOK_URL;
    const noUrl = await cli(['webhooks', 'install', '--name', uniqueName()], e);
    expect(noUrl.code).toBe(EXIT_BAD_CONFIG);
    expect(noUrl.err).toContain('MLFLOW_WEBHOOK_URL (or --url)');
    const short = await cli(['webhooks', 'install'], env({ MLFLOW_WEBHOOK_SECRET: 'short' }));
    expect(short.code).toBe(EXIT_BAD_CONFIG);
    expect(short.err).toContain('MLFLOW_WEBHOOK_SECRET must be at least 16 characters');
    expect(short.err).not.toContain('short\n');
    const all = [noUrl, short].map((r) => r.out + r.err).join('');
    expect(all).not.toContain('cli-test-secret-0123456789');
  });

  it('refuses a URL that is not http(s) before calling MLflow', async () => {
    const r = await cli(['webhooks', 'install', '--name', uniqueName(), '--url', 'ftp://127.0.0.1/mlflow/webhook']);
    expect(r.code).toBe(EXIT_BAD_CONFIG);
  });
});
