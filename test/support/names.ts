import { randomBytes } from 'node:crypto';

/** A model name unique to this test, so tests can share one MLflow server without seeing each other. */
export function uniqueModelName(prefix = 'model'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The MLflow server started by the integration project's global setup (test/support/global-setup.ts). */
export function mlflowTestUrl(): string {
  if (process.env.MODELSYNC_TEST_PROJECT === 'unit') {
    throw new Error('A unit test asked for the real MLflow server: name the test file *.int.test.ts so it runs in the integration project.');
  }
  const url = process.env.MLFLOW_TEST_URL;
  if (!url) throw new Error('MLFLOW_TEST_URL is not set: run the tests through jest (the integration project starts MLflow in its global setup)');
  return url;
}
