/**
 * Credentials written into URL settings never reach what the CLI prints: the real `modelsync` binary is spawned
 * with passwords in MLFLOW_TRACKING_URI (used against the real MLflow server), a token as the user of MLFLOW_UI_URL,
 * ZENML_SERVER_URL (nothing listens: its errors carry the request) and REDIS_URL, at debug level, and stdout and
 * stderr are searched for every password as written, percent-encoded and decoded. NOTION_API_URL and SLACK_API_URL
 * refuse credentials (their clients cannot send them): the config error names them and prints neither.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { createManagedModel, MANAGED_TAG } from '../support/mlflow-seed';
import { tempStorePath } from '../support/temp-store';
import { mlflowTestUrl, uniqueModelName } from '../support/names';

jest.setTimeout(120_000);

const run = promisify(execFile);
const BIN = path.join(__dirname, '../../bin/modelsync.js');

/** Passwords with characters that make the written (percent-encoded) and decoded spellings differ. */
const PASSWORDS = {
  mlflow: 'Ml@flow:pw/1',
  notion: 'N0tion+url pw',
  zenml: 'Zen#ml%pw',
  slack: 'Sl@ck-url-pw',
  redis: 'R3dis:pw@x',
};
const USER_TOKEN = 'ghp_UrlT0kenAsUserName';

function withCredentials(url: string, user: string, password: string): string {
  return url.replace(/^(https?|rediss?):\/\//, `$1://${user}:${encodeURIComponent(password)}@`);
}

function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

describe('the CLI prints no credentials from URL settings', () => {
  let notion: NotionEmulator;
  let env: NodeJS.ProcessEnv;
  let model: string;

  beforeAll(async () => {
    notion = await startNotionEmulator();
    const { databaseId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
    ({ name: model } = await createManagedModel(mlflowTestUrl(), { name: uniqueModelName('creds'), versions: 1, managedTag: MANAGED_TAG }));
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MLFLOW_TRACKING_URI: withCredentials(mlflowTestUrl(), 'mlflow-user', PASSWORDS.mlflow),
      MLFLOW_UI_URL: mlflowTestUrl().replace('http://', `http://${USER_TOKEN}@`),
      NOTION_API_TOKEN: notion.token,
      NOTION_DATABASE_ID: databaseId,
      NOTION_API_URL: notion.url,
      ZENML_SERVER_URL: withCredentials('http://127.0.0.1:9', 'zen-user', PASSWORDS.zenml),
      ZENML_API_KEY: 'zenml-api-key-for-cli-test',
      REDIS_URL: withCredentials('redis://127.0.0.1:9', '', PASSWORDS.redis),
      MANAGED_TAG,
      STORE_PATH: tempStorePath('cli-creds'),
      LOG_LEVEL: 'debug',
    };
  });
  afterAll(async () => notion?.stop());

  async function cli(...args: string[]): Promise<{ code: number; out: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 90_000, maxBuffer: 20_000_000 });
      return { code: 0, out: stdout + stderr };
    } catch (e) {
      const failed = e as { code?: number; stdout?: string; stderr?: string };
      if (typeof failed.code !== 'number') throw e;
      return { code: failed.code, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  }

  it('keeps them out of webhooks status, sync and sync --json (reports, errors, debug logs) and the Notion page', async () => {
    const status = await cli('webhooks', 'status', '--name', uniqueModelName('no-such-hook'));
    expect(status.code).toBe(1);
    expect(status.out).toContain(`in MLflow at ${mlflowTestUrl()}.`);

    const sync = await cli('sync', '--model', model);
    // MLflow answered through the credentials: the version was read, its page created and linked back in MLflow,
    // and ZenML's failure reported with its address.
    expect(sync.out).toContain(`${model} v1: Notion page created`);
    expect(sync.out).toContain(`${model} v1: MLflow tag notion_page_url set`);
    expect(sync.out).toContain('[zenml]: ZenML at http://127.0.0.1:9 could not be reached');
    const json = await cli('sync', '--model', model, '--json');
    expect(json.out).toContain('"stats"');

    // What the sync wrote for people to click (the page's MLflow link) carries no credentials either.
    const printed = [status.out, sync.out, json.out, JSON.stringify(notion.listPages())].join('\n');
    const leaks = Object.entries({ ...PASSWORDS, token: USER_TOKEN }).flatMap(([name, secret]) =>
      spellings(secret)
        .filter((s) => printed.includes(s))
        .map((s) => `${name}: ${s}`),
    );
    expect(leaks).toEqual([]);
    for (const user of ['mlflow-user', 'zen-user']) expect(printed).not.toContain(`${user}:`);
  });

  it('names NOTION_API_URL and SLACK_API_URL when they carry credentials, and prints neither password', async () => {
    const saved = env;
    env = {
      ...saved,
      NOTION_API_URL: withCredentials(notion.url, 'notion-user', PASSWORDS.notion),
      SLACK_API_URL: withCredentials('http://127.0.0.1:9/api/', 'slack-user', PASSWORDS.slack),
    };
    try {
      const refused = await cli('sync');
      expect(refused.code).toBe(2);
      expect(refused.out).toContain('NOTION_API_URL must not contain a user name or password');
      expect(refused.out).toContain('SLACK_API_URL must not contain a user name or password');
      for (const secret of [PASSWORDS.notion, PASSWORDS.slack]) for (const s of spellings(secret)) expect(refused.out).not.toContain(s);
    } finally {
      env = saved;
    }
  });
});
