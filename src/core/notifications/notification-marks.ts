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

function markKey(model: string, version: string): string {
  return `announced:${model}:${version}`;
}
