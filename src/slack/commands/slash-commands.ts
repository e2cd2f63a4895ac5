import type { CommandContext } from '../../core/commands/command';
import type { Catalogue, CommandIn, SubcommandRunner } from '../../core/commands/subcommand';
import type { PolicyRefusal } from '../../core/outcomes/refusal';
import type { SlackMessage } from '../blocks/block-kit';
import { helpMessage, parseErrorMessage, type HelpEntry, type ParseError } from '../blocks/help.blocks';
import { refusalMessage } from '../blocks/refusal.blocks';
import { helpEntries, parseSubcommand, type AckMode, type ParseResult, type SlashCatalogue, type SlashSubcommand } from './slash-subcommand';

/** A parsed sub-command, as the listener passes it around without knowing its type. */
export interface SlashInvocation {
  readonly kind: string;
}

/** The reply to a sub-command that ran (or that the policy refused). */
export interface SlashReply {
  readonly message: SlackMessage;
  /** Everyone in the channel sees it (a sync report); otherwise only the person who asked. */
  readonly inChannel: boolean;
  /** The policy or the use case refused: nothing changed (a form shows this next to what was chosen). */
  readonly refused?: boolean;
}

/** A runner's outcome with its types erased (each catalogue entry renders its own result). */
interface AnyOutcome {
  readonly kind: string;
  readonly result?: unknown;
  readonly refusal?: PolicyRefusal;
}

/** What the slash-command listener needs: parse, how to ack, whether it is a read, and the rendered reply. */
export interface SlashCommandSet {
  parse(text: string): ParseResult<SlashInvocation>;
  parseErrorMessage(error: ParseError): SlackMessage;
  ackOf(command: SlashInvocation): AckMode;
  /** Read-only by its core declaration (shed first under overload). */
  isRead(command: SlashInvocation): boolean;
  /** Runs the command through the core (policy first) and renders the outcome. */
  reply(command: SlashInvocation, ctx: CommandContext): Promise<SlashReply>;
  help(): SlackMessage;
}

/**
 * One slash command's sub-commands: the core's declared list (what each changes, the use case it runs) and Slack's
 * beside it (usage, parser, ack, renderer), joined by name. Help, usage errors and "did you mean" come from here.
 */
export class SlashCommands<Cat extends Catalogue<U>, U> implements SlashCommandSet {
  private readonly entries: readonly HelpEntry[];

  constructor(
    /** The slash command, e.g. `/model` (as in the manifest). */
    readonly command: string,
    private readonly slack: SlashCatalogue<Cat>,
    private readonly runner: SubcommandRunner<Cat, U>,
  ) {
    this.entries = helpEntries(slack);
  }

  parse(text: string): ParseResult<SlashInvocation> {
    return parseSubcommand(this.slack, this.command, text) as ParseResult<SlashInvocation>;
  }

  parseErrorMessage(error: ParseError): SlackMessage {
    return parseErrorMessage(error, this.entries);
  }

  ackOf(command: SlashInvocation): AckMode {
    return this.specOf(command).ack;
  }

  isRead(command: SlashInvocation): boolean {
    return this.runner.changesOf(command as CommandIn<Cat>).length === 0;
  }

  async reply(command: SlashInvocation, ctx: CommandContext): Promise<SlashReply> {
    // Parsed by this set's own catalogue, so its kind is one of the runner's.
    const outcome = (await this.runner.execute(command as CommandIn<Cat>, ctx)) as AnyOutcome;
    if (outcome.kind === 'refused' && outcome.refusal) return { message: refusalMessage(outcome.refusal), inChannel: false, refused: true };
    const spec = this.specOf(outcome);
    const refused = (outcome.result as { readonly kind?: unknown } | undefined)?.kind === 'refused';
    return { message: spec.render(outcome.result, { help: this.entries }), inChannel: spec.inChannel?.(outcome.result) ?? false, refused };
  }

  help(): SlackMessage {
    return helpMessage(this.entries);
  }

  private specOf(command: SlashInvocation): SlashSubcommand<unknown, unknown> {
    return this.slack[command.kind as keyof Cat] as SlashSubcommand<unknown, unknown>;
  }
}
