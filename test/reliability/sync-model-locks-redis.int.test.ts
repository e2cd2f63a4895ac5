/**
 * Two app instances on one real Debian redis-server: instance A runs the scheduled reconcile, instance B handles
 * `/model promote` (sync-on-write) for the model A is writing. The per-model lock in Redis makes B wait a bounded
 * time and leave the version to A, which picks it up: one page, with B's change, and no key left in Redis.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { NotionPages } from '../../src/adapters/notion';
import { createStore, type Store } from '../../src/adapters/store/create-store';
import { systemClock } from '../../src/core/ports/clock.port';
import { silentLogger } from '../../src/core/ports/logger.port';
import type { PagesPort } from '../../src/core/ports/pages.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import { statsOf } from '../../src/core/sync/sync-report';
import { Gate, gatedPages } from '../support/gated-pages';
import { createManagedModel, createModelVersion } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { pageText } from '../support/sync-harness';
import { startRedisServer, type RedisServer } from './support/redis-server';

jest.setTimeout(120_000);

let redis: RedisServer;
let notion: NotionEmulator;
let databaseId: string;
let dataSourceId: string;
const managedTag = `modelsync.modellocks.${randomUUID().slice(0, 8)}`;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  [redis, notion] = await Promise.all([startRedisServer(), startNotionEmulator()]);
  ({ databaseId, dataSourceId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } }));
});
afterAll(async () => {
  for (const o of opened) await o.close();
  await Promise.all([redis?.stop(), notion?.stop()]);
});

/** One app instance: its own Redis connection, MLflow client and Notion adapter (same integration token). */
function instance(wrap: (p: PagesPort) => PagesPort = (p) => p, syncOnWriteLockWaitMs?: number): Reconciler {
  const store: Store = createStore({ sqlitePath: '/dev/null', redisUrl: redis.url, clock: systemClock });
  const pages = new NotionPages({ token: notion.token, databaseId, baseUrl: notion.url, requestsPerSecond: 1000, retryBaseDelayMs: 10 });
  opened.push(store, pages);
  return new Reconciler({
    registry: new MlflowRegistry({ trackingUri: mlflowTestUrl(), retries: 1, retryBaseDelayMs: 10 }),
    pages: wrap(pages),
    managedTag,
    clock: systemClock,
    logger: silentLogger,
    lock: store.lock,
    newId: randomUUID,
    syncOnWriteLockWaitMs,
  });
}

const redisKeys = (pattern: string) =>
  spawnSync('redis-cli', ['-p', String(redis.port), '--scan', '--pattern', pattern], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);

it('a promotion handled by another instance while the reconcile writes the model is left to the reconcile, which applies it', async () => {
  const mlflowUrl = mlflowTestUrl();
  const { name } = await createManagedModel(mlflowUrl, { versions: 1, managedTag });
  await instance().reconcile();
  const v2 = await createModelVersion(mlflowUrl, name);
  const gate = new Gate();
  const a = instance((p) => gatedPages(p, { beforeCreate: gate }));
  const b = instance(undefined, 500);

  const scheduled = a.reconcile();
  await gate.reached;
  expect(redisKeys('modelsync:lock:sync-model:*')).toEqual([`modelsync:lock:sync-model:${name}`]);
  await new MlflowRegistry({ trackingUri: mlflowUrl }).transitionStage(name, v2, 'Staging', false);
  const onWrite = await b.syncVersion(name, v2);
  expect(onWrite.deferred.map((d) => d.version)).toEqual([v2]);
  gate.open();
  const report = await scheduled;

  const pages = notion.listPages(dataSourceId).filter((p) => p.in_trash !== true && pageText(p, 'Model Name') === name);
  expect(pages.map((p) => pageText(p, 'Version')).sort()).toEqual(['1', v2]);
  expect(
    pageText(
      pages.find((p) => pageText(p, 'Version') === v2)!,
      'Stage',
    ),
  ).toBe('Staging');
  expect(statsOf(report)).toEqual({ created: 1, updated: 0, unchanged: 1, orphaned: 0, errors: 0 });
  expect(redisKeys('modelsync:*sync-model:*')).toEqual([]);
});
