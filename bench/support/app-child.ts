/** The real app (bench/app.child.ts, transpiled) in its own process, for benchmarks that send it Slack requests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { compiled } from './transpile';

const APP_START_TIMEOUT_MS = 120_000;

/** Starts bench/app.child.ts with these settings and resolves with the process and its port. */
export function startAppProcess(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiled('bench/app.child.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error('the app did not start in time')), APP_START_TIMEOUT_MS);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, port: (JSON.parse(line) as { port: number }).port });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code}: ${err.trim().slice(0, 500)}`));
    });
  });
}

export async function stopAppProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}
