/**
 * Starts the project's pinned ZenML server (from .venv/zenml) on a free loopback port with a SQLite store, for
 * tests, the demo and benchmarks. Unlike `zenml login --local` (which turns authentication off), it runs the
 * server app under uvicorn with OAuth2 password-bearer auth, so logins, API keys and 401s behave as in production.
 * Run directly (`ts-node scripts/zenml-server.ts [dir] [port]`) it stays in the foreground until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, PROJECT_ROOT, stopProcessGroup } from './mlflow-server';

export const ZENML_VENV = path.join(PROJECT_ROOT, '.venv', 'zenml');
export const ZENML_PYTHON = path.join(ZENML_VENV, 'bin', 'python');
/** FastAPI app of the ZenML server (zenml.constants.ZEN_SERVER_ENTRYPOINT). */
const SERVER_APP = 'zenml.zen_server.zen_server_api:app';
const STARTUP_TIMEOUT_MS = 120_000;
export const ZENML_ADMIN_USERNAME = 'admin';
/** The project every fresh server creates. */
export const ZENML_DEFAULT_PROJECT = 'default';

export interface ZenmlServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dataDir: string;
  /** Admin account created on first start (server auto-activation). */
  readonly username: string;
  readonly password: string;
  readonly project: string;
  stop(): Promise<void>;
}

export interface ZenmlServerOptions {
  /** Where the SQLite store, ZenML's config, the credentials file and the server log go. */
  readonly dataDir: string;
  /** Fixed port; a free one is picked when omitted. */
  readonly port?: number;
}

interface StoredSecrets {
  readonly password: string;
  readonly jwtSecret: string;
}

/** Fails with the setup command to run when the venv is missing. */
export function assertZenmlInstalled(): void {
  if (!existsSync(ZENML_PYTHON) || !existsSync(path.join(ZENML_VENV, 'bin', 'zenml'))) {
    throw new Error('ZenML is not installed in .venv/zenml. Run: bash scripts/setup-zenml.sh (or npm run setup)');
  }
}

/** The admin password and JWT key live beside the store, so a restarted server on the same dir keeps both. */
function loadOrCreateSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, 'zenml-credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  const secrets: StoredSecrets = { password: randomBytes(12).toString('hex'), jwtSecret: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** The parent's environment without ZENML_* (the app's own ZENML_SERVER_URL would be read as server config). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ZENML_')));
}

/** Starts a ZenML server and waits until `/health` answers. */
export async function startZenmlServer(options: ZenmlServerOptions): Promise<ZenmlServer> {
  assertZenmlInstalled();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const secrets = loadOrCreateSecrets(dataDir);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    // Keep ZenML's global config and local stores inside dataDir, never in ~/.config/zenml.
    ZENML_CONFIG_PATH: path.join(dataDir, 'config'),
    ZENML_LOCAL_STORES_PATH: path.join(dataDir, 'stores'),
    ZENML_STORE_URL: `sqlite:///${path.join(dataDir, 'zenml.db')}`,
    ZENML_SERVER: 'true',
    ZENML_SERVER_DEPLOYMENT_TYPE: 'other',
    ZENML_SERVER_AUTH_SCHEME: 'OAUTH2_PASSWORD_BEARER',
    ZENML_SERVER_JWT_SECRET_KEY: secrets.jwtSecret,
    ZENML_SERVER_SERVER_URL: url,
    // Activate on first start with a known admin, instead of the dashboard's onboarding form.
    ZENML_SERVER_AUTO_ACTIVATE: 'true',
    ZENML_DEFAULT_USER_NAME: ZENML_ADMIN_USERNAME,
    ZENML_DEFAULT_USER_PASSWORD: secrets.password,
    ZENML_ANALYTICS_OPT_IN: 'false',
    ZENML_ENABLE_REPO_INIT_WARNINGS: 'false',
  };
  const logFile = path.join(dataDir, 'zenml-server.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    ZENML_PYTHON,
    ['-m', 'uvicorn', SERVER_APP, '--host', '127.0.0.1', '--port', String(port), '--no-server-header'],
    // Own process group so stop() ends the whole server.
    { detached: true, stdio: ['ignore', log, log], env, cwd: dataDir },
  );
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`zenml server exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcessGroup(child);
      throw new Error(`zenml server did not answer ${url}/health within ${STARTUP_TIMEOUT_MS / 1000}s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    pid: child.pid ?? -1,
    dataDir,
    username: ZENML_ADMIN_USERNAME,
    password: secrets.password,
    project: ZENML_DEFAULT_PROJECT,
    stop: () => stopProcessGroup(child),
  };
}

async function adminRequest(server: ZenmlServer, method: string, apiPath: string, body?: unknown): Promise<unknown> {
  const login = await fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: server.username, password: server.password }),
  });
  if (!login.ok) throw new Error(`zenml admin login failed: HTTP ${login.status}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const res = await fetch(`${server.url}/api/v1${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`zenml ${method} ${apiPath} failed: HTTP ${res.status}`);
  return res.json();
}

/** Creates a (non-admin) user account; returns its id. */
export async function createZenmlUser(server: ZenmlServer, name: string, password: string): Promise<string> {
  const user = (await adminRequest(server, 'POST', '/users', { name, password, active: true, is_admin: false })) as { id: string };
  return user.id;
}

/** Creates a service account with one API key (`grant_type=zenml-api-key` login); the key is shown only once. */
export async function createZenmlApiKey(server: ZenmlServer, accountName: string): Promise<string> {
  const account = (await adminRequest(server, 'POST', '/service_accounts', { name: accountName, active: true })) as { id: string };
  const key = (await adminRequest(server, 'POST', `/service_accounts/${account.id}/api_keys`, { name: 'modelsync' })) as {
    body: { key: string };
  };
  return key.body.key;
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(PROJECT_ROOT, '.data', 'zenml');
  const port = process.argv[3] ? Number(process.argv[3]) : 8237;
  startZenmlServer({ dataDir: dir, port })
    .then((s) => {
      console.log(`ZenML server at ${s.url} (data in ${s.dataDir}); login ${s.username} / password in ${s.dataDir}/zenml-credentials.json; Ctrl-C to stop`);
      const stop = () => void s.stop().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
