import { randomBytes } from 'node:crypto';

/** A model name unique to this test, so tests can share one MLflow server without seeing each other. */
export function uniqueModelName(prefix = 'model'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The MLflow server started by the jest global setup. */
export function mlflowTestUrl(): string {
  const url = process.env.MLFLOW_TEST_URL;
  if (!url) throw new Error('MLFLOW_TEST_URL is not set: run the tests through jest (global setup starts MLflow)');
  return url;
}
