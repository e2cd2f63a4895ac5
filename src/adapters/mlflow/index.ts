/** The MLflow adapter's public surface: the RegistryPort implementation, its errors and the UI link builder. */
export { MlflowRegistry, type MlflowRegistryOptions } from './mlflow.registry';
export { MAX_PAGE_SIZE } from './mlflow.search';
export { MlflowLinks } from './mlflow.links';
export { DEFAULT_RETRIES, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_TIMEOUT_MS } from './mlflow.http';
export * from './mlflow.errors';
