import type { ModelCommand } from '../../core/commands/command';
import type { ModelSubcommands } from '../../core/commands/subcommands';
import { MODEL_COMMAND, MODEL_SLASH_SUBCOMMANDS } from './model-subcommands';
import { parseSubcommand, type ParseResult as SubcommandParse } from './slash-subcommand';

export type { ParseError } from '../blocks/help.blocks';

/** The parse of the text after `/model`. */
export type ParseResult = SubcommandParse<ModelCommand>;

/** Parses the text after `/model` into a command, or a precise error with the right form. Pure. */
export function parseModelCommand(text: string): ParseResult {
  return parseSubcommand<ModelSubcommands>(MODEL_SLASH_SUBCOMMANDS, MODEL_COMMAND, text);
}
