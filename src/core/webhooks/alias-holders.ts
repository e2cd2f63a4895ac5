import type { StatePort } from '../ports/store.port';

/**
 * Which version holds each alias, as last seen by the app. The webhook handler uses it to refresh the old holder
 * when an alias moves (MLflow sends no event for it) and to skip announcing an alias that did not change. Code that
 * sets an alias itself (and announces it) should call `remember` first, so the webhook's echo is not announced twice.
 */
export class AliasHolders {
  constructor(private readonly state: StatePort) {}

  async holder(model: string, alias: string): Promise<string | undefined> {
    return this.state.get<string>(key(model, alias));
  }

  async remember(model: string, alias: string, version: string): Promise<void> {
    await this.state.set(key(model, alias), version);
  }

  async forget(model: string, alias: string): Promise<void> {
    await this.state.delete(key(model, alias));
  }

  /** Marks a removal the app makes (and announces) itself, so its webhook echo is synced but not announced again. */
  async markAppRemoval(model: string, alias: string): Promise<void> {
    await this.state.set(removalKey(model, alias), true, APP_REMOVAL_TTL_MS);
  }

  /** True once for a removal marked by the app (the echo); false for removals made elsewhere. */
  async consumeAppRemoval(model: string, alias: string): Promise<boolean> {
    const marked = (await this.state.get<boolean>(removalKey(model, alias))) === true;
    if (marked) await this.state.delete(removalKey(model, alias));
    return marked;
  }
}

/** MLflow delivers within seconds, retrying for a few minutes at most: an older mark is stale. */
const APP_REMOVAL_TTL_MS = 10 * 60_000;

function removalKey(model: string, alias: string): string {
  return `alias-removed-by-app:${model}:${alias}`;
}

function key(model: string, alias: string): string {
  return `alias-holder:${model}:${alias}`;
}
