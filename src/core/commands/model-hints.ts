import { nearest } from '../domain/nearest-name';
import type { LookupRefusal } from '../outcomes/refusal';
import type { Logger } from '../ports/logger.port';
import type { RegistryReader } from '../ports/registry.port';

/** The refusal for a model name that does not exist. */
export type ModelMissing = Extract<LookupRefusal, { code: 'model_missing' }>;

/**
 * "Did you mean" for model names: the nearest managed model to a name that does not exist, read from the cached
 * registry (a hint may be a few seconds old). A hint that cannot be read is left out, never an error.
 */
export class ModelHints {
  constructor(private readonly deps: { readonly registry: RegistryReader; readonly managedTag: string; readonly logger: Logger }) {}

  async missing(model: string): Promise<ModelMissing> {
    try {
      const names = (await this.deps.registry.listModelsWithTag(this.deps.managedTag)).map((m) => m.name);
      const guess = nearest(
        model,
        names.filter((n) => n !== model),
      );
      return guess === undefined ? { code: 'model_missing', model } : { code: 'model_missing', model, nearest: guess };
    } catch (e) {
      this.deps.logger.warn({ model, err: e }, 'model names not read for a suggestion');
      return { code: 'model_missing', model };
    }
  }
}

/** The refusal for a missing model, with a suggestion when hints are wired. */
export async function modelMissing(model: string, hints: ModelHints | undefined): Promise<ModelMissing> {
  return hints ? hints.missing(model) : { code: 'model_missing', model };
}
