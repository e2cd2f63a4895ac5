import type { ModelAliases } from './mlflow.search';

/**
 * How long the aliases that came with the registered-model listing may stand in for re-reading a model when its
 * versions are listed next. A reconcile lists all models, then each model's versions; without the hand-off every
 * model is read twice (50 models: 50 extra requests per run, measured by `npm run bench`). The bound is also how
 * stale an alias may be in that listing; the next run corrects it, as for any change made during a run.
 */
export const ALIAS_HANDOFF_TTL_MS = 30_000;

/** Aliases read with a model, kept for that model's next version listing; each hand-off is used once. */
export class AliasHandoff {
  private readonly byModel = new Map<string, { readonly atMs: number; readonly aliases: ModelAliases }>();

  constructor(
    private readonly ttlMs: number = ALIAS_HANDOFF_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the aliases a model answer carried. */
  keep(model: string, aliases: ModelAliases): void {
    const t = this.now();
    // Drop stale entries so models that are read but never listed cannot pile up.
    for (const [key, entry] of this.byModel) if (t - entry.atMs > this.ttlMs) this.byModel.delete(key);
    this.byModel.set(model, { atMs: t, aliases });
  }

  /** The aliases kept for a model if still fresh, once; undefined means "read the model". */
  take(model: string): ModelAliases | undefined {
    const entry = this.byModel.get(model);
    this.byModel.delete(model);
    return entry && this.now() - entry.atMs <= this.ttlMs ? entry.aliases : undefined;
  }
}
