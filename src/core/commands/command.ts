import type { Stage } from '../domain/stage';
import type { HistoryTarget } from '../history/history-target';
import type { NoticeKind } from '../subscriptions/subscription';

/** A parsed model command: plain data, produced by a chat layer's parser, consumed by the use cases. */
export type ModelCommand =
  | { readonly kind: 'register'; readonly model: string; readonly source: string; readonly runId?: string; readonly description: string }
  | { readonly kind: 'promote'; readonly model: string; readonly version: string; readonly stage: Stage }
  | { readonly kind: 'archive'; readonly model: string; readonly version: string }
  | { readonly kind: 'alias'; readonly model: string; readonly version: string; readonly alias: string }
  | { readonly kind: 'unalias'; readonly model: string; readonly alias: string }
  | { readonly kind: 'status'; readonly model: string }
  | { readonly kind: 'list' }
  | { readonly kind: 'sync'; readonly model?: string; readonly cleanupOrphans: boolean; readonly full?: boolean }
  | { readonly kind: 'rollback'; readonly model: string; readonly target: HistoryTarget }
  | { readonly kind: 'history'; readonly model: string; readonly target?: HistoryTarget }
  | { readonly kind: 'help' }
  /** `pattern`: a model name or a glob (`*`, `?`); `kinds`: what the channel is told about (never empty). */
  | { readonly kind: 'subscribe'; readonly pattern: string; readonly kinds: readonly NoticeKind[] }
  | { readonly kind: 'unsubscribe'; readonly pattern: string; readonly kinds: readonly NoticeKind[] }
  | { readonly kind: 'subscriptions' }
  /** Compares version `left` with version `right` (right − left). */
  | { readonly kind: 'diff'; readonly model: string; readonly left: string; readonly right: string };

/** Who typed the command, and where. */
export interface CommandContext {
  readonly userId: string;
  readonly channelId: string;
}
