/**
 * Seeds the demo's MLflow server once: an experiment with five training runs carrying metrics and params, and the
 * registered model `churn` with one version per run (v1-v2 Archived, v3 Production, v4 Staging, v5 None), marked
 * managed. Everything goes through MLflow's public REST API, as a training pipeline would write it.
 */

/** A training run of the seeded history. */
interface SeedRun {
  readonly params: Readonly<Record<string, string>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly description: string;
  readonly stage: 'None' | 'Staging' | 'Production' | 'Archived';
}

const EXPERIMENT = 'churn-training';

const RUNS: readonly SeedRun[] = [
  {
    params: { model_type: 'logistic_regression', C: '1.0' },
    metrics: { accuracy: 0.842, f1: 0.711, auc: 0.861 },
    description: 'Baseline: logistic regression on the 2024 snapshot.',
    stage: 'Archived',
  },
  {
    params: { model_type: 'random_forest', n_estimators: '200', max_depth: '8' },
    metrics: { accuracy: 0.868, f1: 0.752, auc: 0.897 },
    description: 'Random forest with tenure and plan features.',
    stage: 'Archived',
  },
  {
    params: { model_type: 'xgboost', n_estimators: '400', max_depth: '6', learning_rate: '0.1' },
    metrics: { accuracy: 0.894, f1: 0.801, auc: 0.931 },
    description: 'Gradient boosting; adds support-ticket features.',
    stage: 'Production',
  },
  {
    params: { model_type: 'xgboost', n_estimators: '600', max_depth: '6', learning_rate: '0.05' },
    metrics: { accuracy: 0.903, f1: 0.817, auc: 0.938 },
    description: 'Gradient boosting retrained on Q3 data.',
    stage: 'Staging',
  },
  {
    params: { model_type: 'lightgbm', n_estimators: '800', num_leaves: '63', learning_rate: '0.03' },
    metrics: { accuracy: 0.917, f1: 0.842, auc: 0.949 },
    description: 'LightGBM tuned on Q3 data with usage-trend features; holdout f1 +2.5 points.',
    stage: 'None',
  },
];

async function rest<T>(baseUrl: string, method: 'GET' | 'POST', path: string, body: Record<string, unknown>): Promise<T> {
  const url = new URL(`${baseUrl}/api/2.0/mlflow/${path}`);
  if (method === 'GET') for (const [k, v] of Object.entries(body)) url.searchParams.set(k, String(v));
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`MLflow ${path} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** True when the model already exists (a second start reuses the data and seeds nothing). */
export async function demoModelExists(baseUrl: string, name: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/registered-models/get?name=${encodeURIComponent(name)}`);
  if (res.status === 404) return false;
  if (!res.ok) throw new Error(`MLflow registered-models/get answered HTTP ${res.status}`);
  return true;
}

async function experimentId(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${EXPERIMENT}`);
  if (res.ok) return ((await res.json()) as { experiment: { experiment_id: string } }).experiment.experiment_id;
  return (await rest<{ experiment_id: string }>(baseUrl, 'POST', 'experiments/create', { name: EXPERIMENT })).experiment_id;
}

async function trainingRun(baseUrl: string, expId: string, run: SeedRun, index: number, startMs: number): Promise<string> {
  const made = await rest<{ run: { info: { run_id: string } } }>(baseUrl, 'POST', 'runs/create', {
    experiment_id: expId,
    start_time: startMs,
    run_name: `churn-train-${index + 1}`,
    tags: [{ key: 'mlflow.source.name', value: 'pipelines/train_churn.py' }],
  });
  const runId = made.run.info.run_id;
  await rest(baseUrl, 'POST', 'runs/log-batch', {
    run_id: runId,
    params: Object.entries(run.params).map(([key, value]) => ({ key, value })),
    metrics: Object.entries(run.metrics).map(([key, value]) => ({ key, value, timestamp: startMs, step: 0 })),
  });
  await rest(baseUrl, 'POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: startMs + 11 * 60_000 });
  return runId;
}

/** Creates the demo model; call it only when demoModelExists said no. */
export async function seedDemoModel(baseUrl: string, options: { name: string; managedTag: string }): Promise<void> {
  const expId = await experimentId(baseUrl);
  await rest(baseUrl, 'POST', 'registered-models/create', {
    name: options.name,
    description: 'Predicts which subscribers cancel within 30 days. Owner: #ml-models.',
    tags: [{ key: options.managedTag, value: 'true' }],
  });
  const weekMs = 7 * 24 * 3_600_000;
  // The runs are independent (created side by side); the versions are numbered in order, so one after another.
  const runIds = await Promise.all(RUNS.map((run, i) => trainingRun(baseUrl, expId, run, i, Date.now() - (RUNS.length - i) * weekMs)));
  for (const [i, run] of RUNS.entries()) {
    const made = await rest<{ model_version: { version: string } }>(baseUrl, 'POST', 'model-versions/create', {
      name: options.name,
      source: `runs:/${runIds[i]}/model`,
      run_id: runIds[i],
      description: run.description,
    });
    if (run.stage !== 'None') {
      await rest(baseUrl, 'POST', 'model-versions/transition-stage', {
        name: options.name,
        version: made.model_version.version,
        stage: run.stage,
        archive_existing_versions: false,
      });
    }
  }
}
