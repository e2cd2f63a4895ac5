/**
 * Start-up checks of the real process (`src/main.ts` through ts-node, as `npm run dev` starts it), configured only by
 * its environment: a refused Slack token or a bad SYNC_CRON ends it with exit code 2 and one plain line on stderr,
 * before "modelsync started"; a Notion database the integration cannot see is named at start without stopping the
 * app; an unhandled rejection is one fatal log line, redacted, and a non-zero exit.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { freePort, PROJECT_ROOT } from '../../scripts/mlflow-server';
import { EXIT_CONFIG_REFUSED, EXIT_FAILURE } from '../../src/app/exit-codes';
import { appEnv } from '../support/app-env';
import { mlflowTestUrl } from '../support/names';

jest.setTimeout(120_000);

/** How long one process may take to start and exit (ts-node compiles on the fly; the machine is shared). */
const PROCESS_TIMEOUT_MS = 60_000;

let slack: SlackEmulator;
let notion: NotionEmulator;
let databaseId: string;

beforeAll(async () => {
  [slack, notion] = await Promise.all([startSlackEmulator(), startNotionEmulator()]);
  ({ databaseId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } }));
});
afterAll(async () => Promise.all([slack?.stop(), notion?.stop()]));
afterEach(() => slack.setBotTokenError(null));

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A working environment for the app; tests override one setting at a time. */
async function env(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(await freePort()) };
  return appEnv({ mlflowUrl: mlflowTestUrl(), notion: { token: notion.token, url: notion.url, databaseId }, slack }, { ...base, ...overrides });
}

/** Runs `script` (default src/main.ts) until it exits, or until `stopWhen` sees its stdout, then SIGTERMs it. */
function run(environment: Record<string, string>, options: { script?: string[]; stopWhen?: (stdout: string) => boolean } = {}): Promise<Finished> {
  const args = options.script ?? [path.join(PROJECT_ROOT, 'src', 'main.ts')];
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...args], {
    cwd: PROJECT_ROOT,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let stopped = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process did not finish in ${PROCESS_TIMEOUT_MS} ms:\n${stderr}\n${stdout.slice(-2000)}`));
    }, PROCESS_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      // Once: a second SIGTERM would end the process at once, without its shutdown.
      if (!stopped && options.stopWhen?.(stdout)) stopped = child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at |\.ts:\d+:\d+|WebAPIPlatformError|Error:/m);

describe('start-up checks of the real process', () => {
  it('exits 2 with one line naming SLACK_BOT_TOKEN when the token is wrong (invalid_auth), before "modelsync started"', async () => {
    const wrong = 'xoxb-1111111111-2222222222222-wrongtokenwrongtokenwrong';
    const done = await run(await env({ SLACK_BOT_TOKEN: wrong }));
    expect(done.code).toBe(EXIT_CONFIG_REFUSED);
    expect(lines(done.stderr)).toHaveLength(1);
    expect(done.stderr).toMatch(/^SLACK_BOT_TOKEN is not a valid token for any workspace \(Slack auth\.test answered invalid_auth\)/);
    noStack(done.stderr);
    expect(done.stdout).not.toContain('modelsync started');
    expect(done.stdout + done.stderr).not.toContain(wrong);
  });

  it.each([
    ['token_revoked', /SLACK_BOT_TOKEN has been revoked/],
    ['account_inactive', /SLACK_BOT_TOKEN belongs to a deleted bot user or workspace/],
  ] as const)('exits 2 with one line when Slack answers %s for the bot token', async (error, line) => {
    slack.setBotTokenError(error);
    const done = await run(await env());
    expect(done.code).toBe(EXIT_CONFIG_REFUSED);
    expect(lines(done.stderr)).toEqual([expect.stringMatching(line)]);
    expect(done.stderr).toContain(`answered ${error}`);
    noStack(done.stderr);
    expect(done.stdout).not.toContain('modelsync started');
  });

  it('exits 2 naming SYNC_CRON with a valid example when the schedule is not a cron expression', async () => {
    const authTestsBefore = slack.calls('auth.test').length;
    const done = await run(await env({ SYNC_CRON: '61 * * * *' }));
    expect(done.code).toBe(EXIT_CONFIG_REFUSED);
    expect(done.stderr).toMatch(/SYNC_CRON is not a valid cron expression .*e\.g\. `0 \* \* \* \*`/);
    noStack(done.stderr);
    // Refused with the other settings, before anything is called.
    expect(slack.calls('auth.test')).toHaveLength(authTestsBefore);
  });

  it('names NOTION_DATABASE_ID at start when Notion does not know the database (404 object_not_found), and starts anyway', async () => {
    const unknown = '0123456789abcdef0123456789abcdef';
    const done = await run(await env({ NOTION_DATABASE_ID: unknown }), { stopWhen: (out) => out.includes('modelsync started') });
    const logged = lines(done.stdout).map((l) => JSON.parse(l) as { level: number; msg: string });
    const problem = logged.find((l) => l.msg.startsWith('NOTION_DATABASE_ID'));
    expect(problem).toMatchObject({ level: 50 });
    expect(problem?.msg).toMatch(/Notion answered 404 object_not_found.*share the database with the integration/);
    expect(logged.some((l) => l.msg === 'modelsync started')).toBe(true);
    expect(done.code).toBe(0);
    expect(done.stderr).toBe('');
  });

  it('turns an unhandled rejection into one fatal log line, secrets redacted, and exit code 1', async () => {
    const secret = 'xoxb-process-guard-secret-value';
    const script = [
      '-e',
      `const { createLogger } = require('./src/adapters/log/logger');
       const { installProcessGuards } = require('./src/app/process-guard');
       installProcessGuards(createLogger({ level: 'info', secrets: [${JSON.stringify(secret)}] }));
       Promise.reject(new Error('lost a promise holding ' + ${JSON.stringify(secret)}));
       setTimeout(() => {}, 10000);`,
    ];
    const done = await run(await env(), { script });
    expect(done.code).toBe(EXIT_FAILURE);
    expect(done.stderr).toBe('');
    const out = lines(done.stdout);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] as string)).toMatchObject({ level: 60, msg: 'unhandled promise rejection: modelsync stops (exit 1)', errorClass: 'Error' });
    expect(done.stdout).not.toContain(secret);
  });
});
