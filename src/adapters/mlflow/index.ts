/** The MLflow adapter's public surface: the RegistryPort implementation, its errors and the UI link builder. */
export { MlflowRegistry, type MlflowRegistryOptions } from './mlflow.registry';
export { MAX_PAGE_SIZE } from './mlflow.search';
export { MlflowLinks } from './mlflow.links';
export {
  DEFAULT_REST_RETRIES as DEFAULT_RETRIES,
  DEFAULT_REST_RETRY_BASE_DELAY_MS as DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_REST_TIMEOUT_MS as DEFAULT_TIMEOUT_MS,
} from '../http/rest-client';
export * from './mlflow.errors';
export { AdapterError, hasErrorCode, isAdapterError, type AdapterErrorCode } from '../http/adapter-error';
