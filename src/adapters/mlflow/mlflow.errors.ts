/**
 * The MLflow adapter's errors: AdapterError with an `mlflow_…` code, `status` and MLflow's `error_code` as
 * `remoteCode`. The codes (ADAPTER_FAILURES.mlflow) mean:
 * - `mlflow_not_found`: the model, version, alias or run does not exist (or no MLflow API answers at that path);
 * - `mlflow_already_exists`: creating something that already exists (HTTP 400 RESOURCE_ALREADY_EXISTS);
 * - `mlflow_invalid_parameter`: MLflow refused the request's values (bad stage, bad filter, malformed version …);
 * - `mlflow_unauthorized`: missing or wrong credentials (HTTP 401);
 * - `mlflow_permission_denied`: valid credentials without the right to do this (HTTP 403);
 * - `mlflow_unavailable`: network failure, timeout, or 5xx/429 after the retries ran out;
 * - `mlflow_unexpected_response`: an answer without the shape this adapter expects (schema drift, wrong URL, proxy);
 * - `mlflow_busy`: refused by the app's own admission queue, nothing sent (an AdapterBusyError).
 */
import { isAdapterError, type AdapterError, type AdapterErrorCode } from '../http/adapter-error';

/** The closed set of MLflow adapter error codes. */
export type MlflowErrorCode = AdapterErrorCode<'mlflow'>;

/** Any error raised by the MLflow adapter. */
export type MlflowError = AdapterError<'mlflow'>;

/** True for any error raised by the MLflow adapter. */
export function isMlflowError(e: unknown): e is MlflowError {
  return isAdapterError(e, 'mlflow');
}
