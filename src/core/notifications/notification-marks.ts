import type { Stage } from '../domain/stage';
import type { StatePort } from '../ports/store.port';

/** How long a mark is kept: long enough to outlive any Notion outage between a change and its repair. */
const MARK_TTL_MS = 30 * 24 * 3_600_000;

/**
 * Remembers the last stage announced per version, so a change the app already announced is not announced
 * again when a later sync repairs a mirror that missed it.
 */
export class NotificationMarks {
  constructor(private readonly state: StatePort) {}

  async remember(model: string, version: string, stage: Stage): Promise<void> {
    await this.state.set(markKey(model, version), stage, MARK_TTL_MS);
  }

  async alreadyAnnounced(model: string, version: string, stage: Stage): Promise<boolean> {
    return (await this.state.get<Stage>(markKey(model, version))) === stage;
  }
}

/**
 * How long the guard's word on an alias change stands in for the webhook's notice of it: MLflow delivers within
 * seconds and retries for a few minutes at most, so an older mark is stale.
 */
const ALIAS_MARK_TTL_MS = 10 * 60_000;

/**
 * The alias changes the guard announced itself (its alert or revert names them), so the webhook's plain notice of
 * the same change is not posted beside it. Each mark is used once.
 */
export class AliasChangeMarks {
  constructor(private readonly state: StatePort) {}

  /** `version` undefined: the alias was removed. */
  async remember(model: string, alias: string, version: string | undefined): Promise<void> {
    await this.state.set(aliasMarkKey(model, alias), version ?? REMOVED, ALIAS_MARK_TTL_MS);
  }

  /** True once when the guard announced exactly this change (the alias now on `version`, or removed). */
  async consume(model: string, alias: string, version: string | undefined): Promise<boolean> {
    const key = aliasMarkKey(model, alias);
    const marked = (await this.state.get<string>(key)) === (version ?? REMOVED);
    if (marked) await this.state.delete(key);
    return marked;
  }
}

const REMOVED = '';

function aliasMarkKey(model: string, alias: string): string {
  return `announced-alias:${model}:${alias}`;
}

function markKey(model: string, version: string): string {
  return `announced:${model}:${version}`;
}
