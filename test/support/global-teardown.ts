import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Stops the run's MLflow server; its log is kept in test-artifacts/ (a failure in CI can then be read after the run). */
export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__MLFLOW_SERVER__;
  if (!server) return;
  await server.stop();
  const log = path.join(server.dataDir, 'mlflow-server.log');
  if (existsSync(log)) {
    const artifacts = path.join(__dirname, '..', '..', 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    copyFileSync(log, path.join(artifacts, 'mlflow-server.log'));
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}
