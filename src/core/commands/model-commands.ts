import type { RequestPolicy } from '../approvals/request-policy';
import { assertNever } from '../errors';
import type { ReconcileRun, ReconcileRunner } from '../notifications/reconcile-runner';
import type { AliasUseCase, UnaliasOutcome } from './alias.command';
import type { CommandContext, ModelCommand } from './command';
import type { ListQuery, ModelSummary } from './list.query';
import type { PromoteOutcome, PromoteUseCase } from './promote.command';
import type { RegisterResult, RegisterUseCase } from './register.command';
import type { StatusQuery, StatusResult } from './status.query';

/** What a `/model` command produced, for the Slack layer to render. */
export type CommandResult =
  | { readonly kind: 'register'; readonly result: RegisterResult }
  | { readonly kind: 'promote'; readonly outcome: PromoteOutcome }
  | { readonly kind: 'unalias'; readonly outcome: UnaliasOutcome }
  | { readonly kind: 'status'; readonly result: StatusResult }
  | { readonly kind: 'list'; readonly models: readonly ModelSummary[] }
  | { readonly kind: 'sync'; readonly run: ReconcileRun }
  | { readonly kind: 'help' };

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
      /** PROMOTION_RULES: who may ask for stage and alias changes of which model (absent = everyone). */
      requestPolicy?: RequestPolicy;
    },
  ) {}

  async execute(command: ModelCommand, ctx: CommandContext): Promise<CommandResult> {
    const u = this.useCases;
    if (u.requestPolicy && (command.kind === 'promote' || command.kind === 'archive' || command.kind === 'alias' || command.kind === 'unalias')) {
      const right = await u.requestPolicy.mayRequest(command.model, ctx);
      if (!right.allowed) {
        const outcome = { kind: 'refused', reason: right.reason, mentions: right.mentions } as const;
        return command.kind === 'unalias' ? { kind: 'unalias', outcome } : { kind: 'promote', outcome };
      }
    }
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
