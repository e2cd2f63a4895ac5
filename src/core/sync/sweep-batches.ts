import type { ModelVersion, RegisteredModel } from '../domain/model-version';

/** Models per batch of a full sweep at most: one `name IN (…)` search of MLflow (its 100 names), synced, then dropped. */
export const DEFAULT_SWEEP_BATCH_MODELS = 100;
/**
 * Versions a batch aims at: one page of MLflow's search (1,000). Batches after the first take as many models as hold
 * about this many versions by the average seen so far, so a batch costs about one request and what it holds stays
 * the same whether models have 5 versions or 500.
 */
export const SWEEP_BATCH_VERSIONS = 1_000;

/** One batch: tagged models whose versions are still to read, and other models' tagged versions, at hand. */
export interface Batch {
  readonly tagged: RegisteredModel[];
  readonly given: ModelVersion[];
}

/** A full sweep's batches, in name order: the tagged models first, then the models that only have tagged versions. */
export class SweepBatches {
  private readonly tagged: RegisteredModel[];
  private readonly given: ModelVersion[][] = [];
  private seenModels = 0;
  private seenVersions = 0;

  constructor(
    tagged: readonly RegisteredModel[],
    private readonly maxModels: number,
  ) {
    this.tagged = [...tagged].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The next batch (undefined: none left). Its size follows the versions per model read so far. */
  take(): Batch | undefined {
    if (this.tagged.length > 0) {
      const perModel = this.seenModels === 0 ? 0 : this.seenVersions / this.seenModels;
      const size = perModel === 0 ? this.maxModels : Math.max(1, Math.min(this.maxModels, Math.floor(SWEEP_BATCH_VERSIONS / perModel)));
      return { tagged: this.tagged.splice(0, size), given: [] };
    }
    const given = this.given.shift();
    return given === undefined ? undefined : { tagged: [], given };
  }

  /** Notes how many versions a batch's tagged models had; returns them. */
  read(batch: Batch, versions: ModelVersion[]): ModelVersion[] {
    this.seenModels += batch.tagged.length;
    this.seenVersions += versions.length - batch.given.length;
    return versions;
  }

  /** Adds the tagged versions of models that are not tagged, whole models per batch, about SWEEP_BATCH_VERSIONS each. */
  addGiven(versions: readonly ModelVersion[]): void {
    const byModel = new Map<string, ModelVersion[]>();
    for (const v of versions) {
      const list = byModel.get(v.name);
      if (list) list.push(v);
      else byModel.set(v.name, [v]);
    }
    let batch: ModelVersion[] = [];
    let names = 0;
    for (const name of [...byModel.keys()].sort((a, b) => a.localeCompare(b))) {
      const own = byModel.get(name) ?? [];
      if (batch.length > 0 && (batch.length + own.length > SWEEP_BATCH_VERSIONS || names === this.maxModels)) {
        this.given.push(batch);
        batch = [];
        names = 0;
      }
      batch.push(...own);
      names += 1;
    }
    if (batch.length > 0) this.given.push(batch);
  }
}
