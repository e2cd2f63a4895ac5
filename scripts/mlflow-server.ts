/**
 * Starts the project's pinned MLflow server (from .venv/mlflow) on a free loopback port with a SQLite
 * backend, for tests, the demo and benchmarks. Run directly (`ts-node scripts/mlflow-server.ts [dir]`)
 * it stays in the foreground until Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** The checkout: the nearest folder above this file with a package.json (the demo also runs it compiled, from dist/demo). */
export const PROJECT_ROOT = projectRoot(__dirname);

export const MLFLOW_BIN = path.join(PROJECT_ROOT, '.venv', 'mlflow', 'bin', 'mlflow');
const STARTUP_TIMEOUT_MS = 90_000;

export interface MlflowServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface MlflowServerOptions {
  /** Where the SQLite file, artifacts and the server log go. */
  readonly dataDir: string;
  /** Fixed port; a free one is picked when omitted. */
  readonly port?: number;
  readonly workers?: number;
  /** Extra environment for the server (e.g. webhook settings). */
  readonly env?: Record<string, string>;
}

/**
 * MLflow server settings for webhooks to a receiver on loopback over http (development and tests only):
 * http allowed next to https, private/loopback peers allowed (SSRF guard off), a fixed Fernet key so every
 * worker decrypts the stored webhook secrets (without it each worker generates its own key), and a short webhook
 * list cache (MLflow caches the webhooks per event for 60 s, so a new webhook would fire only after a minute).
 */
export function webhookServerEnv(cacheTtlSeconds = 1): Record<string, string> {
  return {
    MLFLOW_WEBHOOK_ALLOWED_SCHEMES: 'http,https',
    MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS: 'true',
    // Fernet key: 32 random bytes, URL-safe base64 with padding.
    MLFLOW_WEBHOOK_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
    MLFLOW_WEBHOOK_CACHE_TTL: String(cacheTtlSeconds),
  };
}

function projectRoot(from: string): string {
  for (let dir = path.resolve(from, '..'); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Fails with the setup command to run when the venv is missing. */
export function assertMlflowInstalled(): void {
  if (!existsSync(MLFLOW_BIN)) {
    throw new Error(`MLflow is not installed in .venv/mlflow. Run: npm run setup (or bash scripts/setup-mlflow.sh)`);
  }
}

export async function startMlflowServer(options: MlflowServerOptions): Promise<MlflowServer> {
  assertMlflowInstalled();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.join(dataDir, 'artifacts'), { recursive: true });
  const port = options.port ?? (await freePort());
  const log = openSync(path.join(dataDir, 'mlflow-server.log'), 'a');
  const child = spawn(
    MLFLOW_BIN,
    [
      'server',
      '--backend-store-uri',
      `sqlite:///${path.join(dataDir, 'mlflow.db')}`,
      '--default-artifact-root',
      path.join(dataDir, 'artifacts'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      String(options.workers ?? 2),
    ],
    // Own process group so stop() can end uvicorn's worker processes too.
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...options.env } },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, dataDir);
  return { url, port, pid: child.pid ?? -1, dataDir, stop: () => stopProcessGroup(child) };
}

async function waitForHealth(url: string, child: ChildProcess, dataDir: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`mlflow server exited with code ${child.exitCode}; see ${path.join(dataDir, 'mlflow-server.log')}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopProcessGroup(child);
  throw new Error(`mlflow server did not answer ${url}/health within ${STARTUP_TIMEOUT_MS / 1000}s; see ${dataDir}/mlflow-server.log`);
}

/** Sends SIGTERM to the whole group, then SIGKILL after a grace period. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(PROJECT_ROOT, '.data', 'mlflow');
  const port = process.argv[3] ? Number(process.argv[3]) : 5000;
  startMlflowServer({ dataDir: dir, port })
    .then((s) => {
      console.log(`MLflow server at ${s.url} (data in ${s.dataDir}); Ctrl-C to stop`);
      const stop = () => void s.stop().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
