/**
 * Seeds the demo model's ZenML twins (first start with ZenML only): one ZenML model version per MLflow version,
 * in the same stage and linked explicitly by the MLflow tag `zenml_model_url`, as a team's earlier sync or
 * pipeline would have left them. The app's sync then maps them by that link (never by number) and adds its links.
 */
import type { ZenmlServer } from '../zenml-server';

interface Page<T> {
  readonly items: T[];
}

async function zenmlToken(server: ZenmlServer): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: server.username, password: server.password }),
  });
  if (!res.ok) throw new Error(`ZenML login failed (HTTP ${res.status})`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function call<T>(base: string, token: string | undefined, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} failed (HTTP ${res.status})`);
  return (await res.json()) as T;
}

/** The project's id and whether ZenML already holds the demo model (then nothing is seeded). */
async function zenmlModel(server: ZenmlServer, token: string, model: string): Promise<{ projectId: string; exists: boolean }> {
  const project = await call<{ id: string }>(server.url, token, 'GET', `/api/v1/projects/${encodeURIComponent(server.project)}`);
  const existing = await call<Page<unknown>>(server.url, token, 'GET', `/api/v1/models?name=${encodeURIComponent(model)}&project=${project.id}`);
  return { projectId: project.id, exists: existing.items.length > 0 };
}

/** True when ZenML already has the demo model (a later start reuses it). */
export async function demoZenmlExists(server: ZenmlServer, model: string): Promise<boolean> {
  return (await zenmlModel(server, await zenmlToken(server), model)).exists;
}

/**
 * Creates one ZenML version per MLflow version of `model`, each in the stage MLflow has it in (as the team's
 * earlier sync left them): a twin left in no stage would be reported, rightly, as stage drift by the first sync.
 */
export async function seedDemoZenml(server: ZenmlServer, mlflowUrl: string, model: string): Promise<void> {
  const token = await zenmlToken(server);
  const { projectId } = await zenmlModel(server, token, model);
  const versions = await call<{ model_versions: { version: string; current_stage?: string }[] }>(
    mlflowUrl,
    undefined,
    'GET',
    `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`name='${model}'`)}`,
  );
  const zenModel = await call<{ id: string }>(server.url, token, 'POST', '/api/v1/models', { project: projectId, name: model });
  for (const { version, current_stage: stage } of [...versions.model_versions].sort((a, b) => Number(a.version) - Number(b.version))) {
    const twin = await call<{ id: string }>(server.url, token, 'POST', '/api/v1/model_versions', { project: projectId, model: zenModel.id });
    if (stage && stage !== 'None') {
      await call(server.url, token, 'PUT', `/api/v1/model_versions/${twin.id}`, { stage: stage.toLowerCase(), force: true });
    }
    await call(mlflowUrl, undefined, 'POST', '/api/2.0/mlflow/model-versions/set-tag', {
      name: model,
      version,
      key: 'zenml_model_url',
      value: `${server.url}/api/v1/model_versions/${twin.id}`,
    });
  }
}
