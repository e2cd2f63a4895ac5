/**
 * Runs before every file of the `unit` project (see jest.config.js). A unit test needs nothing outside the jest
 * worker, so whatever would reach for more fails at once with what to do, instead of hanging or passing by luck on
 * a machine that happens to have the servers: opening a server socket (an emulator, the Bolt app), starting a
 * process (MLflow, ZenML, redis-server, Chromium) or asking for the MLflow test server. The patches are undone after
 * the file, because jest reuses a worker for the files of both projects.
 */
import childProcess from 'node:child_process';
import net from 'node:net';

/** Set for the unit project's files; test/support/names.ts reads it to refuse the MLflow test server. */
export const UNIT_PROJECT_ENV = 'MODELSYNC_TEST_PROJECT';

const RENAME = 'name the test file *.int.test.ts so it runs in the integration project (see jest.config.js)';

/** A unit test waits for nothing real: one stuck on a promise or a timer fails in seconds, not after a minute. */
export const UNIT_TEST_TIMEOUT_MS = 15_000;

jest.setTimeout(UNIT_TEST_TIMEOUT_MS);
process.env[UNIT_PROJECT_ENV] = 'unit';
delete process.env.MLFLOW_TEST_URL;

type Patchable = Record<string, unknown>;
const restores: Array<() => void> = [];

function refuse(target: Patchable, name: string, what: string): void {
  const original = target[name];
  target[name] = () => {
    throw new Error(`A unit test ${what}: ${RENAME}.`);
  };
  restores.push(() => {
    target[name] = original;
  });
}

refuse(net.Server.prototype as unknown as Patchable, 'listen', 'opened a server socket');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  refuse(childProcess as unknown as Patchable, name, `started a process (child_process.${name})`);
}

afterAll(() => {
  for (const restore of restores.splice(0)) restore();
});
