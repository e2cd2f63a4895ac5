/**
 * Seeds the real MLflow test server through its REST API (plain fetch, independent of the adapter under test).
 * Typical use in an integration test:
 *   const runId = await createRun(mlflowTestUrl(), { metrics: { accuracy: 0.93 }, params: { lr: '0.1' } });
 *   const { name, versions } = await createManagedModel(mlflowTestUrl(), { versions: 2, runId });
 */
import { uniqueModelName } from './names';

/** The managed-model tag of ZenML's mlflow_notion flavor (the app's default). */
export const MANAGED_TAG = 'zenml.mlflow_notion_managed';

/**
 * The MLflow server (uvicorn) closes idle keep-alive sockets; a request sent on one just as it closes fails with
 * "other side closed" before MLflow read it, so exactly that failure is retried (a few times, under load).
 */
async function retryClosedSocket<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (e) {
      const cause = (e as { cause?: { message?: string; code?: string } }).cause;
      // Checked by name: fetch's TypeError comes from another realm than jest's sandbox.
      const closed = (e as Error).name === 'TypeError' && (cause?.code === 'UND_ERR_SOCKET' || /other side closed|ECONNRESET/.test(cause?.message ?? ''));
      if (!closed || attempt >= 3) throw e;
    }
  }
}

/** POSTs/GETs `/api/2.0/mlflow/<path>` and returns the JSON answer; throws with MLflow's message on failure. */
export async function mlflowRest<T = Record<string, unknown>>(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  payload: Record<string, unknown> = {},
): Promise<T> {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/api/2.0/mlflow/${path}`);
  if (method === 'GET') for (const [k, v] of Object.entries(payload)) url.searchParams.set(k, String(v));
  const res = await retryClosedSocket(() =>
    fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(payload),
    }),
  );
  const text = await res.text();
  if (!res.ok) throw new Error(`MLflow ${method} ${path} failed (HTTP ${res.status}): ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** The id of the experiment with this name, creating it when missing (safe under parallel test files). */
export async function ensureExperiment(baseUrl: string, name: string): Promise<string> {
  try {
    const got = await mlflowRest<{ experiment: { experiment_id: string } }>(baseUrl, 'GET', 'experiments/get-by-name', { experiment_name: name });
    return got.experiment.experiment_id;
  } catch {
    try {
      const made = await mlflowRest<{ experiment_id: string }>(baseUrl, 'POST', 'experiments/create', { name });
      return made.experiment_id;
    } catch (e) {
      // Another worker may have created it between our read and create.
      const got = await mlflowRest<{ experiment: { experiment_id: string } }>(baseUrl, 'GET', 'experiments/get-by-name', { experiment_name: name }).catch(
        () => {
          throw e;
        },
      );
      return got.experiment.experiment_id;
    }
  }
}

/** What a seeded run records. */
export interface SeedRun {
  readonly experimentName?: string;
  /** Logged once each at step 0, so they are also the "latest" values runs/get reports. */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly params?: Readonly<Record<string, string>>;
}

/** Creates a run with the given metrics and params; returns its run id. */
export async function createRun(baseUrl: string, run: SeedRun = {}): Promise<string> {
  const experimentId = await ensureExperiment(baseUrl, run.experimentName ?? 'modelsync-tests');
  const now = Date.now();
  const made = await mlflowRest<{ run: { info: { run_id: string } } }>(baseUrl, 'POST', 'runs/create', { experiment_id: experimentId, start_time: now });
  const runId = made.run.info.run_id;
  const metrics = Object.entries(run.metrics ?? {}).map(([key, value]) => ({ key, value, timestamp: now, step: 0 }));
  const params = Object.entries(run.params ?? {}).map(([key, value]) => ({ key, value }));
  if (metrics.length > 0 || params.length > 0) await mlflowRest(baseUrl, 'POST', 'runs/log-batch', { run_id: runId, metrics, params });
  return runId;
}

/** Options of createManagedModel. */
export interface SeedModel {
  /** Defaults to a unique name. */
  readonly name?: string;
  /** How many versions to create (default 1). */
  readonly versions?: number;
  /** Tag the registered model as managed (default true); false leaves it unmanaged. */
  readonly managed?: boolean;
  readonly managedTag?: string;
  readonly runId?: string;
  readonly description?: string;
}

/** Creates a registered model (managed unless told otherwise) with N versions; returns its name and versions. */
export async function createManagedModel(baseUrl: string, seed: SeedModel = {}): Promise<{ name: string; versions: string[] }> {
  const name = seed.name ?? uniqueModelName('seed');
  const tags = seed.managed === false ? [] : [{ key: seed.managedTag ?? MANAGED_TAG, value: 'true' }];
  await mlflowRest(baseUrl, 'POST', 'registered-models/create', { name, tags, description: seed.description ?? '' });
  const versions: string[] = [];
  for (let i = 0; i < (seed.versions ?? 1); i++) versions.push(await createModelVersion(baseUrl, name, { runId: seed.runId }));
  return { name, versions };
}

/** Creates one version of an existing model; MLflow requires an absolute source URI. Returns the version. */
export async function createModelVersion(
  baseUrl: string,
  name: string,
  options: { source?: string; runId?: string; tags?: Readonly<Record<string, string>>; description?: string } = {},
): Promise<string> {
  const made = await mlflowRest<{ model_version: { version: string } }>(baseUrl, 'POST', 'model-versions/create', {
    name,
    source: options.source ?? `s3://modelsync-tests/${encodeURIComponent(name)}/model`,
    run_id: options.runId,
    description: options.description,
    tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
  });
  return made.model_version.version;
}
