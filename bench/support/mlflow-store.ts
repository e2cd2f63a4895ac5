/**
 * Runs bench/seed/seed_mlflow.py in MLflow's venv: bulk writes through MLflow's store API while the server is
 * stopped (see that file for why), and the server start/stop around it.
 */
import { jsonAnswerOf } from './json-child';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT, startMlflowServer, type MlflowServer } from '../../scripts/mlflow-server';

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'mlflow', 'bin', 'python');
const SCRIPT = path.join(PROJECT_ROOT, 'bench', 'seed', 'seed_mlflow.py');

/** A model to create with `versions` versions (sources and descriptions are generated). */
export interface SeedModelPlan {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly versions: number;
  /** Tags every version gets at creation (the managed tag on versions, as ZenML's flavor and /model register write it). */
  readonly versionTags?: Readonly<Record<string, string>>;
}

/** A version tag to set. */
export interface SeedTagPlan {
  readonly name: string;
  readonly version: string;
  readonly key: string;
  readonly value: string;
}

/** What the store script reported. */
export interface StoreWriteResult {
  readonly models: number;
  readonly versions: number;
  readonly tags: number;
  readonly seconds: number;
}

/** The SQLite URI the bench server uses for a data dir (same layout as scripts/mlflow-server.ts). */
export function sqliteUri(dataDir: string): string {
  return `sqlite:///${path.join(dataDir, 'mlflow.db')}`;
}

/** Writes models, versions and tags into the database of `dataDir`; no server may be running on it. */
export function writeThroughStore(
  dataDir: string,
  /** `bulk`: the same rows as multi-row INSERTs in one transaction (see seed_mlflow.py), for 100,000 versions. */
  plan: { models?: SeedModelPlan[]; versionTags?: SeedTagPlan[]; backdateMs?: number; bulk?: boolean },
): Promise<StoreWriteResult> {
  const models = (plan.models ?? []).map((m) => ({ name: m.name, tags: m.tags, versions: m.versions, version_tags: m.versionTags ?? {} }));
  const input = JSON.stringify({
    db_uri: sqliteUri(dataDir),
    models,
    version_tags: plan.versionTags ?? [],
    backdate_ms: plan.backdateMs ?? 0,
    bulk: plan.bulk === true,
  });
  const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  const answer = jsonAnswerOf<StoreWriteResult>(child, (code, err) => `seed_mlflow.py exited with ${code}: ${err.split('\n').slice(-5).join(' | ')}`);
  child.stdin.end(input);
  return answer;
}

/** The bench's MLflow server on a fixed port, so the proxy and UI links stay valid across restarts. */
export async function restartableMlflow(dataDir: string, port: number): Promise<{ current(): MlflowServer; start(): Promise<number>; stop(): Promise<void> }> {
  let server: MlflowServer | undefined;
  return {
    current: () => {
      if (!server) throw new Error('the bench MLflow server is not running');
      return server;
    },
    async start() {
      const t0 = performance.now();
      server = await startMlflowServer({ dataDir, port });
      return performance.now() - t0;
    },
    async stop() {
      await server?.stop();
      server = undefined;
    },
  };
}
