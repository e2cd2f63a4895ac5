import type { ModelCommand } from './command';

/**
 * What running a sub-command can change. The authorization policy guards each kind:
 * - `stage`, `alias`: an MLflow stage or alias (PROMOTION_RULES decides who may ask; protected ones need an approver);
 * - `registry`: new registered models and versions in MLflow;
 * - `notion-pages`: the Notion/ZenML mirror of MLflow, created and updated to match it (links written back as tags);
 * - `notion-trash`: Notion pages moved to the trash (only approvers and SYNC_ADMINS).
 */
export const STATE_CHANGES = ['stage', 'alias', 'registry', 'notion-pages', 'notion-trash'] as const;
export type StateChange = (typeof STATE_CHANGES)[number];

/** One `/model` sub-command as the core declares it. */
export interface SubcommandSpec<C extends ModelCommand = ModelCommand> {
  readonly name: C['kind'];
  /** Everything the sub-command can change; empty for a read-only one. Required, so no command is guarded by accident or by omission. */
  readonly mayChange: readonly StateChange[];
  /** What one invocation changes, when its options narrow `mayChange` (a sync without --cleanup-orphans trashes nothing). */
  readonly changesOf?: (command: C) => readonly StateChange[];
}

type Catalogue = { readonly [K in ModelCommand['kind']]: SubcommandSpec<Extract<ModelCommand, { kind: K }>> };

/**
 * The one declared list of `/model` sub-commands. The policy reads it: every command whose invocation changes
 * something is checked before its use case runs (src/core/commands/model-commands.ts). A new ModelCommand kind does
 * not compile until it is declared here with what it changes.
 */
export const MODEL_SUBCOMMANDS: Catalogue = {
  register: { name: 'register', mayChange: ['registry', 'notion-pages'] },
  // Under PROMOTION_VOCABULARY=aliases|both a promotion moves an alias too.
  promote: { name: 'promote', mayChange: ['stage', 'alias', 'notion-pages'] },
  archive: { name: 'archive', mayChange: ['stage', 'notion-pages'] },
  alias: { name: 'alias', mayChange: ['alias', 'notion-pages'] },
  unalias: { name: 'unalias', mayChange: ['alias', 'notion-pages'] },
  status: { name: 'status', mayChange: [] },
  list: { name: 'list', mayChange: [] },
  sync: {
    name: 'sync',
    mayChange: ['notion-pages', 'notion-trash'],
    changesOf: (c) => (c.cleanupOrphans ? ['notion-pages', 'notion-trash'] : ['notion-pages']),
  },
  help: { name: 'help', mayChange: [] },
};

/** The declared sub-command names, in declaration order. */
export const SUBCOMMAND_NAMES = Object.keys(MODEL_SUBCOMMANDS) as readonly ModelCommand['kind'][];

/** The declaration of a command's sub-command. */
export function specOf<C extends ModelCommand>(command: C): SubcommandSpec<C> {
  return MODEL_SUBCOMMANDS[command.kind] as unknown as SubcommandSpec<C>;
}

/** What this invocation changes (empty: read-only, the policy is not asked). */
export function changesOf(command: ModelCommand): readonly StateChange[] {
  const spec = specOf(command);
  return spec.changesOf ? spec.changesOf(command) : spec.mayChange;
}

/** The model a command concerns, when it names one. */
export function modelOf(command: ModelCommand): string | undefined {
  return 'model' in command ? command.model : undefined;
}
