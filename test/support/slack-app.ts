import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { createLogger, type AppLogger } from '../../src/adapters/log/logger';
import { createSlackApp, type SlackAppHandle, type SlackAppOptions } from '../../src/slack/app';
import type { HealthReport } from '../../src/slack/http/health.route';
import { SlackRequestHarness } from './slack-requests';

/** Signing secret the test apps use. */
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Every dependency reachable. */
export const HEALTHY: HealthReport = { mlflow: { reachable: true }, notion: { reachable: true } };

/** A running app wired to a fresh emulator, the signed-request harness and captured JSON log lines. */
export interface SlackAppFixture {
  readonly emulator: SlackEmulator;
  readonly handle: SlackAppHandle;
  readonly slack: SlackRequestHarness;
  readonly appUrl: string;
  readonly logger: AppLogger;
  /** Log lines written so far, parsed. */
  logs(): Array<Record<string, unknown>>;
  /** Raw log text written so far. */
  rawLogs(): string;
  stop(): Promise<void>;
}

/** Starts the emulator and an app on a free port; listeners come from the caller. */
export async function startSlackAppFixture(overrides: Partial<SlackAppOptions> & Pick<SlackAppOptions, 'registerListeners'>): Promise<SlackAppFixture> {
  const emulator = await startSlackEmulator();
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [TEST_SIGNING_SECRET, emulator.botToken],
    destination: { write: (s: string) => void lines.push(s) },
  });
  const handle = createSlackApp({
    signingSecret: TEST_SIGNING_SECRET,
    botToken: emulator.botToken,
    socketMode: false,
    slackApiUrl: emulator.apiUrl,
    logger,
    readiness: async () => HEALTHY,
    ...overrides,
  });
  const { port } = await handle.start(0);
  const appUrl = `http://127.0.0.1:${port}`;
  return {
    emulator,
    handle,
    appUrl,
    logger,
    slack: new SlackRequestHarness({ appUrl, signingSecret: TEST_SIGNING_SECRET, emulator }),
    logs: () =>
      lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    rawLogs: () => lines.join(''),
    async stop() {
      await handle.stop();
      await emulator.stop();
    },
  };
}
