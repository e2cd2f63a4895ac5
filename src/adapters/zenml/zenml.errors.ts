/**
 * The ZenML adapter's errors: AdapterError with a `zenml_…` code, `status` and ZenML's exception class (from
 * `{"detail": [class, message]}`, e.g. `KeyError`) as `remoteCode`. The codes (ADAPTER_FAILURES.zenml) mean:
 * - `zenml_misconfigured`: the adapter's options cannot work (no server URL, no credentials);
 * - `zenml_unauthorized`: login refused, or a fresh token still answered HTTP 401;
 * - `zenml_permission_denied`: valid credentials without the right to do this (HTTP 403, e.g. RBAC on ZenML Pro);
 * - `zenml_not_found`: the model, version or project does not exist (HTTP 404), or no ZenML API answers there;
 * - `zenml_invalid_request`: ZenML refused the request's values (HTTP 400/409/422: bad stage, bad metadata type …);
 * - `zenml_unavailable`: network failure, timeout, or 5xx/429 after the retries ran out;
 * - `zenml_unexpected_response`: an answer without the shape this adapter expects (schema drift, wrong URL, proxy);
 * - `zenml_busy`: refused by the app's own admission queue, nothing sent (an AdapterBusyError).
 */
import { isAdapterError, type AdapterError, type AdapterErrorCode } from '../http/adapter-error';

/** The closed set of ZenML adapter error codes. */
export type ZenmlErrorCode = AdapterErrorCode<'zenml'>;

/** Any error raised by the ZenML adapter. */
export type ZenmlError = AdapterError<'zenml'>;

/** True for any error raised by the ZenML adapter. */
export function isZenmlError(e: unknown): e is ZenmlError {
  return isAdapterError(e, 'zenml');
}
