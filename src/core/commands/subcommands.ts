import type { ReconcileRunner } from '../notifications/reconcile-runner';
import type { StateChange } from '../policy/planned-change';
import type { AliasUseCase } from './alias.command';
import type { ModelCommand } from './command';
import type { DiffQuery } from './diff.query';
import type { ListQuery } from './list.query';
import type { PromoteUseCase } from './promote.command';
import type { RegisterUseCase } from './register.command';
import type { RollbackUseCase } from './rollback.command';
import type { HistoryQuery } from '../history/history.query';
import type { StatusQuery } from './status.query';
import type { SubscriptionsUseCase } from './subscriptions.command';
import { changesUnder, type SubcommandSpec } from './subcommand';

export { STATE_CHANGES, type StateChange } from '../policy/planned-change';

/** The use cases the model sub-commands run on (built by src/app/build-core.ts). */
export interface ModelUseCases {
  readonly register: RegisterUseCase;
  readonly promote: PromoteUseCase;
  readonly alias: AliasUseCase;
  readonly status: StatusQuery;
  readonly list: ListQuery;
  readonly reconcile: ReconcileRunner;
  readonly rollback: RollbackUseCase;
  readonly history: HistoryQuery;
  readonly subscriptions: SubscriptionsUseCase;
  readonly diff: DiffQuery;
}

/** Every model sub-command must be declared, with its own parsed form. */
type ModelCatalogue = { readonly [K in ModelCommand['kind']]: SubcommandSpec<Extract<ModelCommand, { kind: K }>, unknown, ModelUseCases> };

/**
 * The one declared list of model sub-commands: what each can change (the authorization policy asks about every
 * invocation that changes something, before its use case runs) and the use case it runs. A new ModelCommand kind
 * does not compile until it is declared here, and the chat layers' lists (src/slack/commands/model-subcommands.ts)
 * do not compile until they declare it too.
 */
export const MODEL_SUBCOMMANDS = {
  register: { mayChange: ['registry', 'notion-pages'], run: (u, c, ctx) => u.register.execute(c, ctx) },
  // Under PROMOTION_VOCABULARY=aliases|both a promotion moves an alias too.
  promote: { mayChange: ['stage', 'alias', 'notion-pages'], run: (u, c, ctx) => u.promote.execute(c, ctx) },
  archive: { mayChange: ['stage', 'notion-pages'], run: (u, c, ctx) => u.promote.archive(c, ctx) },
  alias: { mayChange: ['alias', 'notion-pages'], run: (u, c, ctx) => u.alias.set(c, ctx) },
  unalias: { mayChange: ['alias', 'notion-pages'], run: (u, c, ctx) => u.alias.unset(c, ctx) },
  status: { mayChange: [], run: (u, c) => u.status.execute(c.model) },
  // The previous holder goes back through the same gates, review and approval path as a promotion.
  rollback: { mayChange: ['stage', 'alias', 'notion-pages'], run: (u, c, ctx) => u.rollback.execute({ model: c.model, target: c.target }, ctx) },
  history: { mayChange: [], run: (u, c) => u.history.execute({ model: c.model, target: c.target }) },
  list: { mayChange: [], run: (u) => u.list.execute() },
  sync: {
    mayChange: ['notion-pages', 'notion-trash'],
    changesOf: (c) => (c.cleanupOrphans ? ['notion-pages', 'notion-trash'] : ['notion-pages']),
    run: (u, c) => u.reconcile.onDemand({ model: c.model, cleanupOrphans: c.cleanupOrphans, full: c.full }),
  },
  help: { mayChange: [], run: async () => undefined },
  // Subscriptions change who is told (the app's own state), never the registry: the policy decides who may.
  subscribe: { mayChange: ['subscriptions'], run: (u, c, ctx) => u.subscriptions.subscribe(c, ctx) },
  unsubscribe: { mayChange: ['subscriptions'], run: (u, c, ctx) => u.subscriptions.unsubscribe(c, ctx) },
  subscriptions: { mayChange: [], run: (u, _c, ctx) => u.subscriptions.list(ctx) },
  diff: { mayChange: [], run: (u, c) => u.diff.execute(c) },
} satisfies ModelCatalogue;

/** The declared list's type: each entry keeps its command and result types. */
export type ModelSubcommands = typeof MODEL_SUBCOMMANDS;

/** The declared sub-command names, in declaration order. */
export const SUBCOMMAND_NAMES = Object.keys(MODEL_SUBCOMMANDS) as readonly ModelCommand['kind'][];

/** What this invocation changes (empty: read-only, the policy is not asked). */
export function changesOf(command: ModelCommand): readonly StateChange[] {
  return changesUnder(MODEL_SUBCOMMANDS[command.kind] as SubcommandSpec<ModelCommand, unknown, never>, command);
}
