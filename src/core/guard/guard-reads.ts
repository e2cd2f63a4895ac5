import type { ModelVersion, RegisteredModel } from '../domain/model-version';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { RegistryReader } from '../ports/registry.port';
import type { RegistryRead } from '../sync/sync.service';

/** Every version of one model, as read from the time `at` on (when the read started). */
export interface ModelListing {
  readonly versions: readonly ModelVersion[];
  readonly at: number;
}

export interface ListingDeps {
  readonly registry: RegistryReader;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** One model read on its own. */
export async function readListing(deps: ListingDeps, model: string): Promise<ModelListing> {
  const at = deps.clock.now();
  return { versions: await deps.registry.listVersions(model), at };
}

/**
 * The versions of the models a reconcile touched, without reading the registry once per model: the reconcile's own
 * listing where it holds every version of a model, the others in `name IN (…)` batches (their registered models
 * first, for the aliases, unless the reconcile read them). A failed batch leaves its models out: each is then read on
 * its own under its lock, as without a reconcile.
 */
export async function listingsAfterReconcile(deps: ListingDeps, models: readonly string[], read: RegistryRead): Promise<Map<string, ModelListing>> {
  const byModel = new Map<string, ModelVersion[]>();
  for (const v of read.versions) {
    const list = byModel.get(v.name);
    if (list) list.push(v);
    else byModel.set(v.name, [v]);
  }
  const listings = new Map<string, ModelListing>();
  for (const model of models) if (read.complete.has(model)) listings.set(model, { versions: byModel.get(model) ?? [], at: read.at });
  const rest = models.filter((m) => !listings.has(m));
  if (rest.length === 0) return listings;
  try {
    const at = deps.clock.now();
    const wanted = new Set(rest);
    const known = new Map<string, RegisteredModel>(read.models.filter((m) => wanted.has(m.name)).map((m) => [m.name, m]));
    const unknown = rest.filter((m) => !known.has(m));
    if (unknown.length > 0) for (const m of await deps.registry.getModels(unknown)) known.set(m.name, m);
    const batch = await deps.registry.listVersionsOfModels([...known.values()]);
    const found = new Map<string, ModelVersion[]>([...known.keys()].map((m) => [m, []]));
    for (const v of batch) found.get(v.name)?.push(v);
    for (const [model, versions] of found) listings.set(model, { versions, at });
  } catch (e) {
    deps.logger.warn({ models: rest.length, err: e }, 'guard: batched read failed; the models are read one by one');
  }
  return listings;
}
