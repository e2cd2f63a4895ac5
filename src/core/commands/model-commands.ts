import type { ChangePolicy } from '../policy/change-policy';
import { SubcommandRunner, type CommandOutcome, type ResultOf } from './subcommand';
import { MODEL_SUBCOMMANDS, type ModelSubcommands, type ModelUseCases } from './subcommands';

/** What a model command produced, for the chat layer to render: its use case's result, or the policy's refusal. */
export type CommandResult = CommandOutcome<ModelSubcommands>;

/** The result type of one model sub-command. */
export type ModelResult<K extends keyof ModelSubcommands> = ResultOf<ModelSubcommands[K]>;

/** The model sub-commands behind one entry point, so a chat listener calls exactly one thing. */
export class ModelCommands extends SubcommandRunner<ModelSubcommands, ModelUseCases> {
  constructor(useCases: ModelUseCases, policy: ChangePolicy) {
    super(MODEL_SUBCOMMANDS, useCases, policy);
  }
}
