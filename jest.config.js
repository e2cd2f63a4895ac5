/**
 * Two projects (jest `projects`), told apart by file name:
 * - `unit`: every `*.test.ts` that is not `*.int.test.ts`. In-process only: in-memory fakes of the ports, fake
 *   timers or an injected clock. No Python, no venv, no servers, no child processes; the guard in
 *   test/support/unit-guard.ts makes a test that opens a server socket, starts a process or asks for the MLflow
 *   test server fail at once, saying to rename it.
 * - `integration`: `*.int.test.ts`. The real MLflow server (its globalSetup starts it, once per run, only when an
 *   integration test is selected), ZenML, redis-server, Chromium, the Notion and Slack emulators, signed requests
 *   into the real Bolt app.
 * `npm test` runs both; `npm run test:unit` only the first. Jest runs TypeScript through ts-jest without
 * type-checking (tsc does that in `npm test`).
 */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
};

module.exports = {
  // Global only: jest-circus reads testTimeout from the global config, never a project's (unit-guard.ts shortens it).
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.test\\.ts$'],
      setupFilesAfterEnv: ['<rootDir>/test/support/unit-guard.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
