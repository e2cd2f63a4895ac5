/**
 * Seeds many managed versions on the MLflow server for the fault tests. The server (uvicorn) closes idle keep-alive
 * sockets; a request sent on one just as it closes fails with "other side closed" before MLflow read it, so such a
 * failure is retried. The caller counts versions from MLflow afterwards rather than trusting the loop.
 */
import { createManagedModel, createModelVersion } from '../../support/mlflow-seed';

async function retryClosedSocket<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fn();
    } catch (e) {
      const cause = (e as { cause?: { message?: string; code?: string } }).cause;
      // Checked by name: fetch's TypeError comes from another realm than jest's sandbox.
      const closed = (e as Error).name === 'TypeError' && (cause?.code === 'UND_ERR_SOCKET' || /other side closed|ECONNRESET/.test(cause?.message ?? ''));
      if (!closed || attempt >= 3) throw e;
    }
  }
}

/** A managed model with `versions` versions; returns its name. */
export async function seedManagedModel(mlflowUrl: string, managedTag: string, versions: number): Promise<string> {
  const { name } = await retryClosedSocket(() => createManagedModel(mlflowUrl, { versions: 0, managedTag }));
  for (let i = 0; i < versions; i += 1) await retryClosedSocket(() => createModelVersion(mlflowUrl, name));
  return name;
}

/** One more version of an existing model; returns its number. */
export function seedVersion(mlflowUrl: string, name: string): Promise<string> {
  return retryClosedSocket(() => createModelVersion(mlflowUrl, name));
}
