import type { CommandIn, CommandOf, ResultOf } from '../../core/commands/subcommand';
import type { SlackMessage } from '../blocks/block-kit';
import type { HelpEntry, ParseError } from '../blocks/help.blocks';
import { decodeSlackEscapes, readTokens, type Token } from './command-text';
import { nearest } from './nearest';

export type { Token } from './command-text';

/** What a sub-command's parser reads: the words after its name, and the whole text they came from. */
export interface CommandArgs {
  readonly tokens: readonly Token[];
  readonly text: string;
}

/** A sub-command's parse: its command, or what was wrong (the usage line is added from the declaration). */
export type Parsed<C> = { readonly ok: true; readonly command: C } | { readonly ok: false; readonly error: string };

/** The parse of a whole slash command: a command, or the error with the right form. */
export type ParseResult<C> = { readonly ok: true; readonly command: C } | ({ readonly ok: false } & ParseError);

/**
 * How a sub-command is acknowledged (Slack wants an answer within 3 s): `answer` runs it and answers inside the ack
 * (instant commands only, e.g. help); `working` acks with "Working on …" (long commands); `quiet` acks empty. The
 * last two answer through response_url when the use case is done.
 */
export type AckMode = 'answer' | 'working' | 'quiet';

/** What a renderer may need besides the result. */
export interface RenderContext {
  /** Every declared sub-command's usage and summary (the help). */
  readonly help: readonly HelpEntry[];
}

/** One sub-command as Slack declares it, beside its core declaration: how it is typed, acknowledged and shown. */
export interface SlashSubcommand<C, R> {
  /** The right form, e.g. `/model archive <name> <version>` (shown escaped, so `<name>` stays visible). */
  readonly usage: string;
  /** What it does, one line of the help. */
  readonly summary: string;
  readonly parse: (args: CommandArgs) => Parsed<C>;
  readonly ack: AckMode;
  /** The reply to its use case's result. */
  readonly render: (result: R, context: RenderContext) => SlackMessage;
  /** True when everyone in the channel should see the reply (default: only the person who asked). */
  readonly inChannel?: (result: R) => boolean;
}

/**
 * The Slack declarations of a core catalogue: exactly the same names (a missing or extra one does not compile), each
 * parsing to that entry's command and rendering that entry's result.
 */
export type SlashCatalogue<Cat> = { readonly [K in keyof Cat]: SlashSubcommand<CommandOf<Cat[K], K>, ResultOf<Cat[K]>> };

/** The sub-command typed with nothing after the slash command. */
export const DEFAULT_SUBCOMMAND = 'help';

/** Every sub-command's usage and summary, in declaration order. */
export function helpEntries(catalogue: { readonly [name: string]: HelpEntry }): HelpEntry[] {
  return Object.values(catalogue).map(({ usage, summary }) => ({ usage, summary }));
}

/**
 * Parses the text after the slash command (as Slack sends it: escaped, maybe with curly quotes) into a declared
 * sub-command: an unknown name answers with the nearest
 * declared one ("did you mean") and the help; a known one's parser says what was wrong, with its usage. Pure.
 */
export function parseSubcommand<Cat>(catalogue: SlashCatalogue<Cat>, slashCommand: string, sent: string): ParseResult<CommandIn<Cat>> {
  const text = decodeSlackEscapes(sent);
  const read = readTokens(text);
  if (!read.ok) return { ok: false, error: read.error, showHelp: false };
  const tokens = read.tokens;
  const [first, ...rest] = tokens;
  const names = Object.keys(catalogue);
  const name = first ? first.value.toLowerCase() : DEFAULT_SUBCOMMAND;
  const spec = names.includes(name) ? (catalogue[name as keyof Cat] as SlashSubcommand<CommandIn<Cat>, unknown>) : undefined;
  if (!spec) {
    const typed = first?.value ?? '';
    const guess = nearest(name, names);
    const hint = guess ? ` Did you mean \`${slashCommand} ${guess}\`?` : '';
    const usage = guess ? (catalogue[guess as keyof Cat] as SlashSubcommand<unknown, unknown>).usage : undefined;
    return { ok: false, error: `Unknown sub-command \`${typed}\`.${hint}`, usage, showHelp: true };
  }
  const parsed = spec.parse({ tokens: rest, text });
  return parsed.ok ? parsed : { ok: false, error: parsed.error, usage: spec.usage, showHelp: false };
}
