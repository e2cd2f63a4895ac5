/** Checks made before the demo starts anything, each failing with what to do about it. */
import { spawnSync } from 'node:child_process';
import { assertMlflowInstalled } from '../mlflow-server';

/** A prerequisite is missing: the message says which and how to get it. */
export class DemoPrerequisiteError extends Error {
  override readonly name = 'DemoPrerequisiteError';
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
