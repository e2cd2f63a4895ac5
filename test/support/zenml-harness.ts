/**
 * Test harness for the real ZenML server: starts one per test file, seeds models and versions through its REST
 * API as the admin, and runs a real ZenML pipeline (scripts/zenml/run_pipeline.py) when a test needs the
 * pipeline-run link ZenML itself records.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../scripts/mlflow-server';
import { startZenmlServer, ZENML_PYTHON, type ZenmlServer } from '../../scripts/zenml-server';

const run = promisify(execFile);

/** Starts a fresh server in a temp dir; `stop()` also removes the dir. Fails naming the setup script if missing. */
export async function startTestZenml(): Promise<ZenmlServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-zenml-'));
  const server = await startZenmlServer({ dataDir });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A minimal REST client logged in as some account, for seeding and for checking what the adapter wrote. */
export class ZenmlTestClient {
  private token: string | undefined;

  constructor(
    readonly server: ZenmlServer,
    private readonly username = server.username,
    private readonly password = server.password,
  ) {}

  /** Logs in (again) and returns the bearer token. */
  async login(): Promise<string> {
    const res = await fetch(`${this.server.url}/api/v1/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: this.username, password: this.password }),
    });
    if (!res.ok) throw new Error(`login as ${this.username} failed: HTTP ${res.status}`);
    this.token = ((await res.json()) as { access_token: string }).access_token;
    return this.token;
  }

  /** Sends one call; returns status and parsed body without throwing on HTTP errors. */
  async raw(method: string, apiPath: string, body?: unknown, token?: string): Promise<{ status: number; body: unknown }> {
    const bearer = token ?? this.token ?? (await this.login());
    const res = await fetch(`${this.server.url}/api/v1${apiPath}`, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  /** Like raw(), but fails on a non-2xx answer. */
  async request<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
    const { status, body: answer } = await this.raw(method, apiPath, body);
    if (status >= 300) throw new Error(`${method} ${apiPath}: HTTP ${status} ${JSON.stringify(answer).slice(0, 300)}`);
    return answer as T;
  }

  /** Creates a model and `count` versions (numbered 1..count by ZenML); returns the version ids in order. */
  async seedModel(name: string, count: number): Promise<string[]> {
    const project = await this.request<{ id: string }>('GET', `/projects/${this.server.project}`);
    const model = await this.request<{ id: string }>('POST', '/models', { project: project.id, name });
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const version = await this.request<{ id: string }>('POST', '/model_versions', { project: project.id, model: model.id });
      ids.push(version.id);
    }
    return ids;
  }

  /** The stage ZenML stores for a version (null when never promoted). */
  async stageOf(versionId: string): Promise<string | null> {
    const v = await this.request<{ body: { stage: string | null } }>('GET', `/model_versions/${versionId}`);
    return v.body.stage;
  }
}

/** What run_pipeline.py prints. */
export interface SeededRun {
  readonly run_id: string;
  readonly run_name: string;
  readonly model_version_id: string;
  readonly number: number;
}

/** Runs a real ZenML pipeline with `Model(name=modelName)` against the server; ZenML links run and version. */
export async function runSeedPipeline(server: ZenmlServer, modelName: string, clientDir: string): Promise<SeededRun> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: clientDir,
    ZENML_CONFIG_PATH: path.join(clientDir, 'zenml-client'),
    ZENML_STORE_URL: server.url,
    ZENML_STORE_USERNAME: server.username,
    ZENML_STORE_PASSWORD: server.password,
    ZENML_ANALYTICS_OPT_IN: 'false',
    ZENML_LOGGING_VERBOSITY: 'ERROR',
    ZENML_ENABLE_REPO_INIT_WARNINGS: 'false',
  };
  const script = path.join(PROJECT_ROOT, 'scripts', 'zenml', 'run_pipeline.py');
  const { stdout } = await run(ZENML_PYTHON, [script, modelName], { env, cwd: clientDir, timeout: 120_000 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as SeededRun;
}
