import type { MessageRef } from '../ports/message-ref';
import type { StageActor, VersionLinks } from './stage-change';

/** The model URI that serves whatever version holds the alias (what deployments load). */
export function aliasModelUri(model: string, alias: string): string {
  return `models:/${model}@${alias}`;
}

/** An alias the app set, moved or removed, as posted to the notification channel. */
export interface AliasChangeNotice {
  readonly kind: 'set' | 'removed';
  readonly model: string;
  readonly alias: string;
  /** The version that now holds the alias (set) or held it until now (removed). */
  readonly version: string;
  /** The version that held the alias before a set, if any. */
  readonly previousVersion?: string;
  readonly actor: Extract<StageActor, { kind: 'user' }>;
  /** Milliseconds since the epoch. */
  readonly at: number;
  /** `models:/<name>@<alias>`. */
  readonly modelUri: string;
  readonly links: VersionLinks;
  /** The approval request's message, when an approval made the change: the notice is posted in its thread too. */
  readonly thread?: MessageRef;
}
