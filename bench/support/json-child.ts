import type { ChildProcessWithoutNullStreams, ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

type PipedChild = ChildProcessWithoutNullStreams | ChildProcessByStdio<Writable | null, Readable, Readable>;

/**
 * The answer of a child process that prints one JSON object as its last stdout line and exits 0; otherwise
 * rejects with `describeFailure(exit code, stderr)` (each caller knows which stderr lines tell the story).
 */
export function jsonAnswerOf<T>(child: PipedChild, describeFailure: (code: number | null, stderr: string) => string): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as T);
      else reject(new Error(describeFailure(code, err.trim())));
    });
  });
}
