/**
 * A throwaway Debian `redis-server` on loopback for tests: a free port, no persistence (`--save '' --appendonly no`),
 * optionally a password (so tests can check it never reaches a log). Started, stopped, restarted on the same port and
 * paused by the test itself.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from '@keyv/redis';

/** A running redis-server. */
export interface RedisServer {
  readonly port: number;
  /** redis://[:password@]127.0.0.1:port */
  readonly url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop): empty, as after a crash without persistence. */
  restart(): Promise<void>;
  /** SIGSTOP: connections stay open but nothing is answered (a hung Redis). */
  pause(): void;
  /** SIGCONT after pause. */
  resume(): void;
}

const START_TIMEOUT_MS = 10_000;

/** Throws a sentence naming the package to install when redis-server is not on PATH. */
export function assertRedisInstalled(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('redis-server is not installed: run `apt-get install redis-server` (npm test installs it when run as root)');
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts redis-server and resolves once it accepts connections ("Ready to accept connections"). */
export async function startRedisServer(options: { password?: string } = {}): Promise<RedisServer> {
  assertRedisInstalled();
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'];
  if (options.password) args.push('--requirepass', options.password);
  let child: ChildProcess | undefined = await spawnReady(args);
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGCONT');
      running.kill('SIGTERM');
    });
  };
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop();
      child = await spawnReady(args);
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  };
}

async function spawnReady(args: string[]): Promise<ChildProcess> {
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return child;
}

/**
 * Makes Redis refuse writes as a full production instance does: fills it with data, then sets `maxmemory` below what
 * it now uses with the `noeviction` policy, so every command that may add memory answers `-OOM` and reads still work.
 */
export async function fillToMaxmemory(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    const payload = 'x'.repeat(10_000);
    for (let i = 0; i < 200; i += 1) await client.set(`filler:${i}`, payload);
    const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
    await client.configSet({ 'maxmemory-policy': 'noeviction', maxmemory: String(Math.floor(used / 2)) });
  } finally {
    await client.close();
  }
}

/** Lifts the memory limit again (Redis accepts writes at once). */
export async function liftMaxmemory(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    await client.configSet('maxmemory', '0');
  } finally {
    await client.close();
  }
}
