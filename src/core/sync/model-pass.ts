import type { ModelVersion } from '../domain/model-version';
import { describeError } from '../errors';
import type { Logger } from '../ports/logger.port';
import type { PagesPort } from '../ports/pages.port';
import { RECONCILE_MODEL_LOCK_WAIT_MS, type HeldModelLock, type ModelLocks } from './model-locks';
import type { Ownership } from './ownership';
import type { PageIndex } from './page-index';
import type { ReportBuilder } from './report-builder';

export interface ModelPassDeps {
  readonly locks: ModelLocks;
  readonly pages: PagesPort;
  readonly index: PageIndex;
  readonly ownership: Ownership;
  readonly report: ReportBuilder;
  readonly logger: Logger;
  /** A dry run writes nothing, so it takes no locks and picks nothing up. */
  readonly dryRun: boolean;
  /** Re-read every model's pages before its first version (the bulk listing could not be completed). */
  readonly freshPagesForAll: boolean;
  /** Notion could not be read at all this run: nothing is re-read (every version is reported as a Notion error). */
  readonly pagesUnreadable: boolean;
  /** Syncs one version against the pages given; `notionError` set when that model's pages could not be read. */
  readonly syncOne: (version: ModelVersion, notionError: string | undefined) => Promise<void>;
  /** Syncs what changed in the model while this run held it (a single-version sync left it pending). */
  readonly pickUp: (model: string) => Promise<void>;
}

/** One model's turn in a reconcile. */
interface Session {
  readonly lock?: HeldModelLock;
  /** Why the model is skipped this run (its lock stayed taken). */
  readonly blocked?: string;
  /** Why the model's pages could not be re-read. */
  readonly notionError?: string;
}

/**
 * Runs a reconcile's versions model by model under each model's lock: taken before the model's first version,
 * released after its last. Under the lock, a model whose versions would get a page created or deduplicated has
 * its pages read again, since a single-version sync may have written one after the bulk listing. When the lock is
 * released, a pending mark left by a single-version sync that could not wait makes this run pick the model up.
 */
export class ModelPass {
  private readonly entries = new Map<string, { left: number; session?: Promise<Session> }>();
  private readonly needsFreshPages = new Set<string>();

  constructor(
    versions: readonly ModelVersion[],
    private readonly deps: ModelPassDeps,
  ) {
    for (const v of versions) {
      const entry = this.entries.get(v.name) ?? { left: 0 };
      entry.left += 1;
      this.entries.set(v.name, entry);
      // Exactly one owned page: nothing will be created or trashed, so the bulk listing is good enough.
      if (deps.pagesUnreadable) continue;
      if (deps.freshPagesForAll || deps.ownership.split(deps.index.pagesOf(v.name, v.version)).owned.length !== 1) this.needsFreshPages.add(v.name);
    }
  }

  /** Syncs one version inside its model's session. */
  async run(version: ModelVersion): Promise<void> {
    const entry = this.entries.get(version.name);
    if (!entry) throw new Error(`version of an unplanned model: ${version.name}`);
    entry.session ??= this.open(version.name);
    const session = await entry.session;
    try {
      if (session.blocked !== undefined) {
        this.deps.report.failure({ model: version.name, version: version.version, system: 'core', reason: session.blocked });
        this.deps.report.outcome(version.name, version.version, 'errors');
      } else {
        await this.deps.syncOne(version, session.notionError);
      }
    } finally {
      entry.left -= 1;
      if (entry.left === 0) await this.close(version.name, session);
    }
  }

  private async open(model: string): Promise<Session> {
    let lock: HeldModelLock | undefined;
    if (!this.deps.dryRun) {
      try {
        lock = await this.deps.locks.acquire(model, RECONCILE_MODEL_LOCK_WAIT_MS);
        if (!lock) return { blocked: `another sync of ${model} held it for ${RECONCILE_MODEL_LOCK_WAIT_MS / 1000} s; the next sync retries` };
      } catch (e) {
        // Without the lock store a race can at worst make a second page of ours, which the next run deduplicates.
        this.deps.logger.warn({ model, err: e }, 'model lock not taken; syncing without it');
        this.deps.report.note(`the lock store could not be reached: models were synced without their locks (${describeError(e)})`);
      }
    }
    if (!this.needsFreshPages.has(model)) return { lock };
    try {
      this.deps.index.replaceModel(model, await this.deps.pages.listPagesOfModel(model));
      return { lock };
    } catch (e) {
      return { lock, notionError: `the pages of ${model} could not be read again before writing: ${describeError(e)}` };
    }
  }

  private async close(model: string, session: Session): Promise<void> {
    await this.release(model, session.lock);
    if (this.deps.dryRun || session.blocked !== undefined) return;
    // Released first, then checked: a single-version sync that marks after this check finds the lock free.
    let pending = false;
    try {
      pending = await this.deps.locks.takePending(model);
    } catch {
      return;
    }
    if (!pending) return;
    const again = await this.deps.locks.acquire(model, RECONCILE_MODEL_LOCK_WAIT_MS).catch(() => undefined);
    if (!again) {
      this.deps.report.note(`changes to ${model} made during this sync are left to the next one (its lock stayed taken)`);
      return;
    }
    try {
      await this.deps.pickUp(model);
    } catch (e) {
      this.deps.report.note(`changes to ${model} made during this sync could not be picked up: ${describeError(e)}`);
    } finally {
      await this.release(model, again);
    }
  }

  private async release(model: string, lock: HeldModelLock | undefined): Promise<void> {
    try {
      await lock?.release();
    } catch (e) {
      this.deps.logger.warn({ model, err: e }, 'model lock not released; it expires on its own');
    }
  }
}
