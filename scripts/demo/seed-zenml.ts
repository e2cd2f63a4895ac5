/**
 * Seeds the demo model's ZenML twins (first start with ZenML only): one ZenML model version per MLflow version,
 * linked explicitly by the MLflow tag `zenml_model_url`, as a team's earlier sync or pipeline would have left
 * them. The app's sync then maps them by that link (never by number) and mirrors stages and links.
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

/** Creates ZenML versions for MLflow versions 1..n of `model` unless ZenML already has the model; returns whether it seeded. */
export async function seedDemoZenml(server: ZenmlServer, mlflowUrl: string, model: string): Promise<boolean> {
  const token = await zenmlToken(server);
  const project = await call<{ id: string }>(server.url, token, 'GET', `/api/v1/projects/${encodeURIComponent(server.project)}`);
  const existing = await call<Page<unknown>>(server.url, token, 'GET', `/api/v1/models?name=${encodeURIComponent(model)}&project=${project.id}`);
  if (existing.items.length > 0) return false;
  const versions = await call<{ model_versions: { version: string }[] }>(
    mlflowUrl,
    undefined,
    'GET',
    `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`name='${model}'`)}`,
  );
  const zenModel = await call<{ id: string }>(server.url, token, 'POST', '/api/v1/models', { project: project.id, name: model });
  for (const { version } of [...versions.model_versions].sort((a, b) => Number(a.version) - Number(b.version))) {
    const twin = await call<{ id: string }>(server.url, token, 'POST', '/api/v1/model_versions', { project: project.id, model: zenModel.id });
    await call(mlflowUrl, undefined, 'POST', '/api/2.0/mlflow/model-versions/set-tag', {
      name: model,
      version,
      key: 'zenml_model_url',
      value: `${server.url}/api/v1/model_versions/${twin.id}`,
    });
  }
  return true;
}
