import { startNotionEmulator, type NotionEmulator } from '../../../emulators/notion';
import { NotionPages, type NotionPagesOptions } from '../../../src/adapters/notion';
import type { PageFields } from '../../../src/core/ports/pages.port';

/** An emulator with one empty database and a factory of adapters pointed at it. */
export interface NotionFixture {
  readonly emulator: NotionEmulator;
  databaseId: string;
  dataSourceId: string;
  /** A fresh adapter; fast pace by default so tests do not wait on the 3 req/s limiter. */
  adapter(overrides?: Partial<NotionPagesOptions>): NotionPages;
  /** Resets the emulator and creates a database with `properties` (default: one title "Name"). */
  freshDatabase(properties?: Record<string, unknown>): void;
  stop(): Promise<void>;
}

/** Starts an emulator for a test file. */
export async function startNotionFixture(): Promise<NotionFixture> {
  const emulator = await startNotionEmulator();
  const adapters: NotionPages[] = [];
  const fixture: NotionFixture = {
    emulator,
    databaseId: '',
    dataSourceId: '',
    adapter(overrides = {}) {
      const a = new NotionPages({
        token: emulator.token,
        databaseId: fixture.databaseId,
        baseUrl: emulator.url,
        requestsPerSecond: 200,
        retryBaseDelayMs: 5,
        ...overrides,
      });
      adapters.push(a);
      return a;
    },
    freshDatabase(properties) {
      emulator.reset();
      emulator.setRateLimit(null);
      const ids = emulator.seedDatabase({ title: 'Model Registry', properties });
      fixture.databaseId = ids.databaseId;
      fixture.dataSourceId = ids.dataSourceId;
    },
    async stop() {
      await Promise.all(adapters.map((a) => a.close()));
      await emulator.stop();
    },
  };
  return fixture;
}

/** A complete PageFields with overrides. */
export function fields(overrides: Partial<PageFields> = {}): PageFields {
  return {
    modelName: 'churn-model',
    version: '1',
    stage: 'None',
    sourceUri: 'models:/churn-model/1',
    description: 'first version',
    createdAt: '2025-03-01T12:34:56.789Z',
    mlflowUrl: 'http://mlflow.local/#/models/churn-model/versions/1',
    zenmlUrl: null,
    aliases: [],
    ...overrides,
  };
}
