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
}

function key(model: string, alias: string): string {
  return `alias-holder:${model}:${alias}`;
}
