/**
 * What one HTTP request to an outside system was, for /metrics: its method, its route as a template and its status.
 * Routes never carry data: every path segment that is not a known word of the APIs this app calls (an id, a model or
 * project name, anything a user typed) becomes `:id`, so a label can only take a few dozen values.
 */

/** One request as the metrics see it. */
export interface ObservedRequest {
  readonly method: string;
  /** The request's path (no query string); templated by `templateRoute` before it becomes a label. */
  readonly path: string;
  /** The HTTP status ("200", "429", …), or "timeout" / "network_error" when no answer came. */
  readonly status: string;
}

/** Told about every request an adapter sent, retries included, once its answer (or failure) is known. */
export type RequestObserver = (request: ObservedRequest) => void;

/** The fixed words of the paths of the MLflow, Notion and ZenML APIs this app calls; anything else is a parameter. */
const API_WORDS = new Set([
  // MLflow REST (/api/2.0/mlflow/…)
  'api',
  '2.0',
  'mlflow',
  'registered-models',
  'model-versions',
  'runs',
  'webhooks',
  'search',
  'get',
  'create',
  'update',
  'delete',
  'set-tag',
  'delete-tag',
  'transition-stage',
  'alias',
  'test',
  // Notion (/v1/…)
  'v1',
  'pages',
  'databases',
  'data_sources',
  'query',
  'users',
  'me',
  'blocks',
  'children',
  'properties',
  'comments',
  // ZenML (/api/v1/…)
  'login',
  'info',
  'current-user',
  'projects',
  'model_versions',
  'model_version_pipeline_runs',
  'run-metadata',
]);

/** `/v1/pages/59833787-…` → `/v1/pages/:id`; `/projects/my%20team` → `/projects/:id`. */
export function templateRoute(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  const segments = bare.split('/').map((s) => (s === '' || API_WORDS.has(s) ? s : ':id'));
  return segments.join('/') || '/';
}

/** The status label of a failed request without an answer. */
export function failureStatus(code: string | undefined): string {
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' ? 'timeout' : 'network_error';
}
