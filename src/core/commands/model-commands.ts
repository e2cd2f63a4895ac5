import { assertNever } from '../errors';
import type { ChangePolicy } from '../policy/change-policy';
import type { ReconcileRun, ReconcileRunner } from '../notifications/reconcile-runner';
import type { AliasUseCase, UnaliasOutcome } from './alias.command';
import type { CommandContext, ModelCommand } from './command';
import type { ListQuery, ModelSummary } from './list.query';
import type { PromoteOutcome, PromoteUseCase } from './promote.command';
import type { RegisterResult, RegisterUseCase } from './register.command';
import type { StatusQuery, StatusResult } from './status.query';
import { changesOf } from './subcommands';

/** What a `/model` command produced, for the Slack layer to render. */
export type CommandResult =
  | { readonly kind: 'register'; readonly result: RegisterResult }
  | { readonly kind: 'promote'; readonly outcome: PromoteOutcome }
  | { readonly kind: 'unalias'; readonly outcome: UnaliasOutcome }
  | { readonly kind: 'status'; readonly result: StatusResult }
  | { readonly kind: 'list'; readonly models: readonly ModelSummary[] }
  | { readonly kind: 'sync'; readonly run: ReconcileRun }
  | { readonly kind: 'help' }
  /** The policy refused a command that has no outcome of its own for it (register, sync). */
  | { readonly kind: 'refused'; readonly command: ModelCommand['kind']; readonly reason: string; readonly mentions?: readonly string[] };

/** The `/model` use cases behind one entry point, so the slash-command listener calls exactly one thing. */
export class ModelCommands {
  constructor(
    private readonly useCases: {
      register: RegisterUseCase;
      promote: PromoteUseCase;
      alias: AliasUseCase;
      status: StatusQuery;
      list: ListQuery;
      reconcile: ReconcileRunner;
    },
    /** Asked before every command whose invocation changes something (MODEL_SUBCOMMANDS declares what each changes). */
    private readonly policy: ChangePolicy,
  ) {}

  async execute(command: ModelCommand, ctx: CommandContext): Promise<CommandResult> {
    if (changesOf(command).length > 0) {
      const right = await this.policy.mayRun(command, ctx);
      if (!right.allowed) return refusal(command, right.reason, right.mentions);
    }
    return this.run(command, ctx);
  }

  private async run(command: ModelCommand, ctx: CommandContext): Promise<CommandResult> {
    const u = this.useCases;
    switch (command.kind) {
      case 'register':
        return { kind: 'register', result: await u.register.execute(command, ctx) };
      case 'promote':
        return { kind: 'promote', outcome: await u.promote.execute(command, ctx) };
      case 'archive':
        return { kind: 'promote', outcome: await u.promote.execute({ ...command, stage: 'Archived' }, ctx) };
      case 'alias':
        return { kind: 'promote', outcome: await u.alias.set(command, ctx) };
      case 'unalias':
        return { kind: 'unalias', outcome: await u.alias.unset(command, ctx) };
      case 'status':
        return { kind: 'status', result: await u.status.execute(command.model) };
      case 'list':
        return { kind: 'list', models: await u.list.execute() };
      case 'sync':
        return { kind: 'sync', run: await u.reconcile.onDemand({ model: command.model, cleanupOrphans: command.cleanupOrphans }) };
      case 'help':
        return { kind: 'help' };
      default:
        return assertNever(command, 'command');
    }
  }
}

/** A refusal in the shape the command's own outcome takes, so the reply reads like any other refusal of it. */
function refusal(command: ModelCommand, reason: string, mentions?: readonly string[]): CommandResult {
  const outcome = { kind: 'refused', reason, mentions } as const;
  switch (command.kind) {
    case 'promote':
    case 'archive':
    case 'alias':
      return { kind: 'promote', outcome };
    case 'unalias':
      return { kind: 'unalias', outcome };
    default:
      return { kind: 'refused', command: command.kind, reason, mentions };
  }
}
