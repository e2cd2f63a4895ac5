/**
 * Two app instances sharing one real Redis (Debian redis-server, started and stopped here): the pending-approvals
 * index and the per-model audit list are read-modify-write, so they must not lose entries when both instances write
 * at once; a concurrent approve (instance A) and reject (instance B) of one request must end in one outcome.
 */
import { createStore, type Store } from '../../src/adapters/store/create-store';
import { said } from '../support/said';
import { KeyvStateStore } from '../../src/adapters/store/keyv-state.store';
import { buildCore, type Core } from '../../src/app/build-core';
import type { AuditEntry } from '../../src/core/approvals/audit-log';
import { silentLogger } from '../../src/core/ports/logger.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import { InMemoryPages } from '../support/fakes/in-memory-pages';
import { InMemoryRegistry } from '../support/fakes/in-memory-registry';
import { RecordingNotifier } from '../support/fakes/recording-notifier';
import { StaticDirectory } from '../support/fakes/static-directory';
import { recordSlackFigure } from './support/slack-figures';
import { startRedisServer, type RedisServer } from './support/redis-server';
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';

jest.setTimeout(60_000);

const MANAGED = 'zenml.mlflow_notion_managed';
const HOUR_MS = 3_600_000;
const PER_INSTANCE = 20;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => redis?.stop());

interface Instance {
  readonly core: Core;
  readonly store: Store;
  readonly notifier: RecordingNotifier;
}

/** Two cores over the same MLflow (one in-memory registry) and the same Redis, each with its own connection. */
function twoInstances(registry: InMemoryRegistry, clock: { now(): number }): [Instance, Instance] {
  const pages = new InMemoryPages();
  const make = (tag: string): Instance => {
    const store = createStore({ sqlitePath: '/nonexistent/unused.sqlite', redisUrl: redis.url, clock });
    const notifier = new RecordingNotifier();
    let seq = 0;
    const core = buildCore(
      {
        registry,
        sync: new Reconciler({ registry, pages, managedTag: MANAGED, logger: silentLogger, clock }),
        notifier,
        directory: new StaticDirectory({}),
        state: store.state,
        lock: store.lock,
        clock,
        logger: silentLogger,
        newId: () => `${tag}-${(seq += 1)}-${Math.random().toString(36).slice(2, 8)}`,
      },
      {
        managedTag: MANAGED,
        syncOnWrite: false,
        protectedStages: ['Production'],
        archiveExistingOnPromote: true,
        approvalTtlMs: 24 * HOUR_MS,
        approvers: ['UAPPROVER', 'UAPPROVER2'],
        reportQuiet: false,
      },
    );
    return { core, store, notifier };
  };
  return [make('a'), make('b')];
}

/** What `/model promote <model> <v> production` asks the approval service for. */
async function ask(inst: Instance, registry: InMemoryRegistry, model: string, v: number) {
  const version = await registry.getVersion(model, String(v));
  if (!version) throw new Error(`no version ${v}`);
  return inst.core.approvals.request({ version, to: 'Production', requester: 'UREQUESTER', originChannel: 'CASKED', archiveExisting: true });
}

describe('two instances on one Redis', () => {
  it('keeps every pending request in the shared index and every audit entry when both instances write at once', async () => {
    const model = `churn-${Date.now()}`;
    const registry = new InMemoryRegistry();
    await registry.seedManaged(model, PER_INSTANCE * 2);
    const clock = { t: Date.now(), now: () => clock.t };
    const [a, b] = twoInstances(registry, clock);
    try {
      const results = await Promise.all(Array.from({ length: PER_INSTANCE * 2 }, (_, i) => ask(i % 2 === 0 ? a : b, registry, model, i + 1)));
      expect(results.every((r) => r.status === 'pending')).toBe(true);

      const requested = ((await a.store.state.get<AuditEntry[]>(`audit:${model}`)) ?? []).filter((e) => e.event === 'requested');
      expect(requested.map((e) => Number(e.version)).sort((x, y) => x - y)).toEqual(Array.from({ length: PER_INSTANCE * 2 }, (_, i) => i + 1));
      const index = (await b.store.state.get<string[]>('approvals:pending')) ?? [];
      expect(index).toHaveLength(PER_INSTANCE * 2);

      // The index is what the scheduler walks: every request must expire, none be forgotten.
      clock.t += 25 * HOUR_MS;
      const expired = (await a.core.approvals.expireDue()) + (await b.core.approvals.expireDue());
      expect(expired).toBe(PER_INSTANCE * 2);
      expect((await a.store.state.get<string[]>('approvals:pending')) ?? []).toEqual([]);

      recordSlackFigure({
        fault: 'two instances append to the pending index and the audit list at once (Redis)',
        injected: PER_INSTANCE * 2,
        expectedEffects: PER_INSTANCE * 2 * 2,
        observedEffects: requested.length + index.length,
        losses: PER_INSTANCE * 2 * 2 - requested.length - index.length,
        detail: `then ${expired} of ${PER_INSTANCE * 2} expired through the index`,
      });
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });

  it('loses entries with a plain read-modify-write under the same load (the fault the lock prevents)', async () => {
    // Not the app's code path: a control showing the workload really races on this Redis.
    const conns = [0, 1].map(() => new Keyv({ store: new KeyvRedis(redis.url), namespace: 'control' }));
    const stores = conns.map((k) => new KeyvStateStore(k));
    const key = `naive:${Date.now()}`;
    try {
      await Promise.all(
        Array.from({ length: PER_INSTANCE * 2 }, async (_, i) => {
          const s = stores[i % 2] as KeyvStateStore;
          const list = (await s.get<number[]>(key)) ?? [];
          await s.set(key, [...list, i]);
        }),
      );
      const kept = ((await stores[0]!.get<number[]>(key)) ?? []).length;
      expect(kept).toBeLessThan(PER_INSTANCE * 2);
      recordSlackFigure({
        fault: 'control: the same appends without the lock',
        injected: PER_INSTANCE * 2,
        expectedEffects: PER_INSTANCE * 2,
        observedEffects: kept,
        losses: PER_INSTANCE * 2 - kept,
        detail: 'shows the race is real',
      });
    } finally {
      for (const k of conns) await k.disconnect();
    }
  });

  it('lets one of a concurrent approve (instance A) and reject (instance B) win and tells the other why', async () => {
    const model = `fraud-${Date.now()}`;
    const rounds = 10;
    const registry = new InMemoryRegistry();
    await registry.seedManaged(model, rounds);
    const clock = { t: Date.now(), now: () => clock.t };
    const [a, b] = twoInstances(registry, clock);
    let approved = 0;
    let rejected = 0;
    try {
      for (let v = 1; v <= rounds; v += 1) {
        const { id } = await ask(a, registry, model, v);
        // Alternate the head start so both sides win some rounds.
        const headStart = <T>(first: boolean, run: () => Promise<T>) => (first ? run() : new Promise((r) => setTimeout(r, 3)).then(run));
        const [ap, rj] = await Promise.all([
          headStart(v % 2 === 0, () => a.core.approvals.approve(id, 'UAPPROVER')),
          headStart(v % 2 === 1, () => b.core.approvals.reject(id, 'UAPPROVER2', 'not this one')),
        ]);
        const kinds = [ap.kind, rj.kind].sort();
        expect(kinds).toEqual(ap.kind === 'approved' ? ['approved', 'refused'] : ['refused', 'rejected']);
        const loser = ap.kind === 'refused' ? ap : rj;
        expect(loser).toMatchObject({ kind: 'refused', refusal: { code: 'request_decided' } });
        expect(said(loser)).toMatch(/^This request was already (approved|rejected) by <@UAPPROVER2?> at /);
        const stored = await b.core.approvals.load(id);
        expect(stored?.status).toBe(ap.kind === 'approved' ? 'approved' : 'rejected');
        if (ap.kind === 'approved') approved += 1;
        else rejected += 1;
      }
      const transitions = registry.calls.filter((c) => c === 'transitionStage').length;
      expect(transitions).toBe(approved);
      expect(approved).toBeGreaterThan(0);
      expect(rejected).toBeGreaterThan(0);
      recordSlackFigure({
        fault: 'approve on instance A races reject on instance B (Redis lock)',
        injected: rounds,
        expectedEffects: rounds,
        observedEffects: approved + rejected,
        losses: 0,
        detail: `${approved} approved, ${rejected} rejected, ${transitions} MLflow transitions`,
      });
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });
});
