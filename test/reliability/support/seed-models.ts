/**
 * Seeds many managed versions on the MLflow server for the fault tests (the shared seed helper retries the
 * closed keep-alive socket race). The caller counts versions from MLflow afterwards rather than trusting the loop.
 */
import { createManagedModel, createModelVersion } from '../../support/mlflow-seed';

/** A managed model with `versions` versions; returns its name. */
export async function seedManagedModel(mlflowUrl: string, managedTag: string, versions: number): Promise<string> {
  const { name } = await createManagedModel(mlflowUrl, { versions: 0, managedTag });
  for (let i = 0; i < versions; i += 1) await createModelVersion(mlflowUrl, name);
  return name;
}

/** One more version of an existing model; returns its number. */
export function seedVersion(mlflowUrl: string, name: string): Promise<string> {
  return createModelVersion(mlflowUrl, name);
}
