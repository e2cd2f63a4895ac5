import { AliasChangeMarks } from '../notifications/notification-marks';
import type { LockPort } from '../ports/lock.port';
import type { StatePort } from '../ports/store.port';
import { incidentKey, type GuardIncident, type RegistrySnapshot } from './guard-types';

/** A model's guard lock outlives any inspection or revert; a crashed holder frees it after this long. */
export const GUARD_LOCK_TTL_MS = 60_000;
/** Incidents stay readable this long, so a late Revert click gets a precise answer. */
export const INCIDENT_RETENTION_MS = 30 * 24 * 3_600_000;
/** How long a caller waits for a model's guard lock (the other holder is a short inspection or app change). */
const LOCK_ATTEMPTS = 150;
const LOCK_RETRY_MS = 20;

let ownerSeq = 0;

/**
 * The guard's shared state, in the state store (SQLite survives restarts; Redis is shared by every instance): the
 * last recorded state of each model, the incidents, and a per-model lock (the lock port) that serialises the app's
 * own stage and alias changes with the guard's inspections and reverts, so the app's changes are never taken for
 * outside ones and two instances never act on the same change.
 */
export class GuardState {
  constructor(
    private readonly state: StatePort,
    private readonly lock: LockPort,
  ) {}

  /** The alias changes the guard announced (shared like the rest, so any instance's webhook notice can skip them). */
  aliasMarks(): AliasChangeMarks {
    return new AliasChangeMarks(this.state);
  }

  recorded(model: string): Promise<RegistrySnapshot | undefined> {
    return this.state.get<RegistrySnapshot>(snapshotKey(model));
  }

  async record(model: string, snapshot: RegistrySnapshot): Promise<void> {
    await this.state.set(snapshotKey(model), snapshot);
  }

  /**
   * Drops a model's record (it may be stale) and remembers when: a listing read before `at` must not become the new
   * record, since the change that could not be recorded came after it.
   */
  async forget(model: string, at: number): Promise<void> {
    await this.state.set(droppedKey(model), at, DROPPED_RETENTION_MS);
    await this.state.delete(snapshotKey(model));
  }

  /** When the model's record was last dropped (undefined: not lately). */
  droppedAt(model: string): Promise<number | undefined> {
    return this.state.get<number>(droppedKey(model));
  }

  loadIncident(id: string): Promise<GuardIncident | undefined> {
    return this.state.get<GuardIncident>(incidentKey(id));
  }

  async saveIncident(incident: GuardIncident): Promise<void> {
    await this.state.set(incidentKey(incident.id), incident, INCIDENT_RETENTION_MS);
  }

  /**
   * Runs `work` holding the model's guard lock. Waits up to about 3 s for another holder; if it is still held after
   * that (a stuck holder), `work` runs anyway for app changes (`mustRun`) and is skipped for inspections (undefined).
   */
  async withModel<T>(model: string, work: () => Promise<T>, mustRun = false): Promise<T | undefined> {
    const key = `lock:guard:${model}`;
    ownerSeq += 1;
    const owner = `${Math.random().toString(36).slice(2)}.${ownerSeq}`;
    let held = false;
    for (let i = 0; i < LOCK_ATTEMPTS && !held; i += 1) {
      held = await this.lock.acquire(key, owner, GUARD_LOCK_TTL_MS);
      if (!held) await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
    if (!held && !mustRun) return undefined;
    try {
      return await work();
    } finally {
      if (held) await this.lock.release(key, owner);
    }
  }

  /** Claims an incident's revert once, across clicks and instances; false when another claim holds it. */
  claimRevert(id: string, owner: string): Promise<boolean> {
    return this.lock.acquire(`lock:guard-revert:${id}`, owner, GUARD_LOCK_TTL_MS);
  }

  async releaseRevert(id: string, owner: string): Promise<void> {
    await this.lock.release(`lock:guard-revert:${id}`, owner);
  }
}

/** A listing is read within one run: a day outlives any of them. */
const DROPPED_RETENTION_MS = 24 * 3_600_000;

function droppedKey(model: string): string {
  return `guard-dropped:${model}`;
}

function snapshotKey(model: string): string {
  return `guard-state:${model}`;
}
