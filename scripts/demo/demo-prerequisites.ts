/** Checks made before the demo starts anything, each failing with what to do about it. */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { assertMlflowInstalled } from '../mlflow-server';
import type { DemoPorts } from './demo-workspace';

/** A prerequisite is missing: the message says which and how to get it. */
export class DemoPrerequisiteError extends Error {
  override readonly name = 'DemoPrerequisiteError';
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Fails naming every fixed port already taken (port 0 means "any free port" and is never checked). */
export async function requireFreePorts(ports: DemoPorts, wanted: ReadonlyArray<keyof DemoPorts>): Promise<void> {
  const busy: string[] = [];
  for (const what of wanted) {
    const port = ports[what];
    if (port !== 0 && !(await portFree(port))) busy.push(`${port} (${what})`);
  }
  if (busy.length === 0) return;
  const many = busy.length > 1;
  const movable = busy.some((b) => b.endsWith('(playground)')) ? ', or move the playground with --port' : '';
  throw new DemoPrerequisiteError(
    `port${many ? 's' : ''} ${busy.join(', ')} ${many ? 'are' : 'is'} already in use on 127.0.0.1. ` +
      `Stop what uses ${many ? 'them' : 'it'} (another npm run demo? see: lsof -i :${busy[0]?.split(' ')[0]})${movable}.`,
  );
}

/** python3 is what the MLflow (and ZenML) servers run on. */
export function requirePython(): void {
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new DemoPrerequisiteError(
      'python3 (3.10 or newer) is required to run the MLflow server. Install it (e.g. apt-get install python3 python3-venv, or brew install python) and run npm run demo again.',
    );
  }
}

/** The pinned MLflow in .venv/mlflow (installed by npm run demo's setup step). */
export function requireMlflow(): void {
  try {
    assertMlflowInstalled();
  } catch (e) {
    throw new DemoPrerequisiteError(e instanceof Error ? e.message : String(e));
  }
}
