/**
 * `.env` as a new user writes it: the real CLI (bin/modelsync.js) and the real app entry point (src/main.ts, as
 * `npm start` runs it) started in a directory holding a .env, with a conflicting variable in the process
 * environment. The process environment must win; the file must supply the rest; a broken line must stop the start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { freePort, PROJECT_ROOT, stopProcessGroup } from '../../scripts/mlflow-server';
import { listeningAddresses, loopbackOnly } from '../support/listeners';
import { createManagedModel } from '../support/mlflow-seed';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness';

const CHILD_TIMEOUT_MS = 90_000;
/** Nothing listens here: a sync that used the file's MLflow URL would fail with "unreachable". */
const DEAD_MLFLOW = 'http://127.0.0.1:9';

let h: SyncHarness;
let slack: SlackEmulator;
let dir: string;
beforeAll(async () => {
  [h, slack] = await Promise.all([startSyncHarness(), startSlackEmulator()]);
});
afterAll(async () => {
  await Promise.all([h?.stop(), slack?.stop()]);
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-dotenv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Only what a shell would pass, plus `extra`: nothing of the jest process leaks into the child. */
function processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TS_NODE_PROJECT: path.join(PROJECT_ROOT, 'tsconfig.json'), ...extra };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

const cli = (args: string[], env: NodeJS.ProcessEnv) => run([path.join(PROJECT_ROOT, 'bin', 'modelsync.js'), ...args], env);

describe('the CLI reads .env from its working directory', () => {
  it('takes the Notion settings from the file and MLFLOW_TRACKING_URI from the process, which wins', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 2, managedTag: h.managedTag });
    writeFileSync(
      path.join(dir, '.env'),
      [
        '# written as .env.example says',
        `MLFLOW_TRACKING_URI=${DEAD_MLFLOW}`,
        `NOTION_API_TOKEN=${h.notion.token}`,
        `NOTION_DATABASE_ID=${h.databaseId}`,
        `NOTION_API_URL="${h.notion.url}"`,
        'NOTION_REQUESTS_PER_SECOND=1000',
        `export MANAGED_TAG=${h.managedTag}`,
        'LOG_LEVEL=silent',
      ].join('\n'),
    );
    const res = await cli(['sync', '--json', '--model', name], processEnv({ MLFLOW_TRACKING_URI: h.mlflowUrl }));
    expect({ code: res.code, err: res.err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(res.out).stats).toEqual({ created: 2, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
  });

  it('stops at a malformed line with exit code 2, naming the file and the line, without echoing it', async () => {
    writeFileSync(path.join(dir, '.env'), `MLFLOW_TRACKING_URI=${h.mlflowUrl}\n# Notion\nNOTION_API_TOKEN ${h.notion.token}\n`);
    const res = await cli(['sync'], processEnv({}));
    expect(res.code).toBe(2);
    expect(res.err).toContain(`${path.join(dir, '.env')} line 3: there is no = sign`);
    expect(res.err).not.toContain(h.notion.token);
  });
});

describe('npm start (src/main.ts) reads .env from its working directory', () => {
  const main = (env: NodeJS.ProcessEnv) =>
    spawn(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), path.join(PROJECT_ROOT, 'src', 'main.ts')], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });

  it('starts with the settings of the file, the process PORT winning over the file, bound to the HOST of the file', async () => {
    const [port, filePort] = [await freePort(), await freePort()];
    writeFileSync(
      path.join(dir, '.env'),
      [
        `MLFLOW_TRACKING_URI=${h.mlflowUrl}`,
        `NOTION_API_TOKEN=${h.notion.token}`,
        `NOTION_DATABASE_ID=${h.databaseId}`,
        `NOTION_API_URL=${h.notion.url}`,
        `SLACK_BOT_TOKEN=${slack.botToken}`,
        'SLACK_SIGNING_SECRET=dotenv-test-signing-secret',
        `SLACK_API_URL=${slack.apiUrl}`,
        'APPROVERS=U0BOB',
        'HOST=127.0.0.1',
        `PORT=${filePort}`,
        `STORE_PATH=${path.join(dir, 'state.sqlite')}`,
        'SYNC_CRON=0 0 1 1 *',
      ].join('\n'),
    );
    const child = main(processEnv({ PORT: String(port) }));
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const deadline = Date.now() + CHILD_TIMEOUT_MS;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}: ${out.slice(-1000)}`);
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (res) break;
        if (Date.now() > deadline) throw new Error('the app did not listen on the process PORT');
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
      expect(loopbackOnly(listeningAddresses(port))).toBe(true);
      expect(listeningAddresses(filePort)).toEqual([]);
      await new Promise((r) => setTimeout(r, 200));
      expect(out).toContain('"msg":"settings read from the env file (the process environment wins)"');
    } finally {
      await stopProcessGroup(child);
    }
  });

  it('refuses to start on a malformed line, exit code 2, naming the file and the line', async () => {
    writeFileSync(path.join(dir, '.env'), 'MLFLOW_TRACKING_URI=http://127.0.0.1:5000\nSLACK SIGNING SECRET=abc\n');
    const child = main(processEnv({}));
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain(`${path.join(dir, '.env')} line 2: the name before = must be letters, digits and _`);
  });
});
