import type { RegisteredModel } from '../domain/model-version';
import type { StatePort } from '../ports/store.port';

/** Where the reconcile's memory between runs lives in the state store (shared by every instance on Redis). */
export const SYNC_STATE_KEY = 'sync:incremental';

/** Full sweeps run every this many reconciles by default (hourly runs: one a day). */
export const DEFAULT_FULL_SYNC_EVERY = 24;

/**
 * How far before the previous run's start an incremental run looks: Notion rounds `last_edited_time` down to the
 * minute, and the app's, MLflow's and Notion's clocks may disagree by some seconds. Re-reading a few minutes twice
 * costs a few unchanged versions; missing them would leave drift until the next full sweep.
 */
export const INCREMENTAL_OVERLAP_MS = 5 * 60_000;
/** Notion's minute precision: a smaller overlap would miss an edit made in the minute the previous run started. */
export const MIN_OVERLAP_MS = 61_000;

/** Model name → its aliases (alias → version), as the last run saw them. */
export type AliasSnapshot = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** What one reconcile leaves for the next one. */
export interface SyncState {
  /** When the last complete run started (app clock, ms): the next incremental run reads what changed since. */
  readonly watermark: number;
  /** Runs since the last full sweep (0 right after one). */
  readonly runsSinceFull: number;
  /** The last run ended with errors: the next one is a full sweep. */
  readonly lastHadErrors: boolean;
  /**
   * Aliases of the managed models (tagged models, and models with tagged versions) at the end of the last run.
   * MLflow does not move any timestamp when an alias moves, so an incremental run finds alias moves by comparing.
   */
  readonly aliases: AliasSnapshot;
  /** Models that are not tagged but have tagged versions: an incremental run reads them for their aliases. */
  readonly versionTaggedModels: readonly string[];
}

export type SyncMode = 'full' | 'incremental';

/** Why a run is a full sweep, or undefined when it may be incremental. */
export function fullSweepReason(state: SyncState | undefined, fullEvery: number, asked: boolean): string | undefined {
  if (asked) return 'a full sweep was asked for';
  if (state === undefined) return 'no earlier run is recorded';
  if (state.lastHadErrors) return 'the previous run had errors';
  if (state.runsSinceFull + 1 >= fullEvery) return `every ${fullEvery} runs one is a full sweep`;
  return undefined;
}

/** The snapshot of models' aliases (absent aliases count as none: MLflow leaves out an empty list). */
export function aliasSnapshotOf(models: Iterable<RegisteredModel>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const m of models) out[m.name] = { ...(m.aliases ?? {}) };
  return out;
}

/** Versions whose aliases differ between two alias maps of one model (gained, lost or moved an alias). */
export function versionsWithMovedAliases(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string[] {
  const moved = new Set<string>();
  for (const alias of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[alias] === after[alias]) continue;
    if (before[alias] !== undefined) moved.add(before[alias]);
    if (after[alias] !== undefined) moved.add(after[alias]);
  }
  return [...moved];
}

/** The state store's view of SyncState. A store failure propagates: the run then cannot know what it may skip. */
export class SyncStateStore {
  constructor(private readonly state: StatePort) {}

  read(): Promise<SyncState | undefined> {
    return this.state.get<SyncState>(SYNC_STATE_KEY);
  }

  write(next: SyncState): Promise<void> {
    return this.state.set(SYNC_STATE_KEY, next);
  }
}
