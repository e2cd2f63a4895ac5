/**
 * The Slack app as a real process (`src/main.ts` through ts-node, as `npm run dev` starts it), configured only by
 * its environment, with its JSON log lines kept for assertions. Used to run several instances on one Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, PROJECT_ROOT, stopProcessGroup } from '../../../scripts/mlflow-server';

const START_TIMEOUT_MS = 90_000;

export interface AppProcess {
  readonly url: string;
  readonly pid: number;
  /** Parsed JSON log lines so far. */
  logs(): Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Starts one instance and waits until /healthz answers. */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(PROJECT_ROOT, 'src', 'main.ts')], {
    cwd: PROJECT_ROOT,
    // MODELSYNC_ENV_FILE=off: a developer's own .env in the checkout must not reach the test's instances.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MODELSYNC_ENV_FILE: 'off', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${err.slice(-2000)}\n${out.slice(-2000)}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopProcessGroup(child);
      throw new Error(`app did not answer ${url}/healthz within ${START_TIMEOUT_MS / 1000}s:\n${err.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid ?? -1,
    logs: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => {
          try {
            return JSON.parse(l) as Record<string, unknown>;
          } catch {
            return {};
          }
        }),
    stop: () => stopProcessGroup(child),
  };
}
