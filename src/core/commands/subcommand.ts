import type { PolicyRefusal } from '../outcomes/refusal';
import type { ChangePolicy } from '../policy/change-policy';
import type { StateChange } from '../policy/planned-change';
import type { CommandContext } from './command';

/**
 * One sub-command as the core declares it. `C` is its parsed form (plain data with `kind` = its name), `R` what
 * its use case returns, `U` the use cases it runs on. Nothing here is chat: how it is typed, acknowledged and shown
 * is declared beside it by each chat layer (Slack: src/slack/commands/model-subcommands.ts).
 */
export interface SubcommandSpec<C extends { readonly kind: string }, R, U> {
  /** Everything the sub-command can change; empty for a read-only one. Required, so no command is guarded by accident or by omission. */
  readonly mayChange: readonly StateChange[];
  /** What one invocation changes, when its options narrow `mayChange` (a sync without cleanup trashes nothing). */
  readonly changesOf?: (command: C) => readonly StateChange[];
  /** Runs its use case; called only once the policy allowed the invocation. */
  readonly run: (useCases: U, command: C, ctx: CommandContext) => Promise<R>;
}

/** A declared list of sub-commands, keyed by name. `refused` is reserved for the policy's answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own command and result types
export type Catalogue<U> = { readonly [name: string]: SubcommandSpec<any, any, U> } & { readonly refused?: never };

/** The parsed form of a declared sub-command named `K` (a `run` that ignores its command: just `{ kind: K }`). */
export type CommandOf<S, K = string> = S extends { readonly run: (useCases: never, command: infer C, ctx: CommandContext) => unknown }
  ? unknown extends C
    ? { readonly kind: K }
    : C
  : never;
/** What a declared sub-command's use case returns. */
export type ResultOf<S> = S extends { readonly run: (...args: never[]) => Promise<infer R> } ? R : never;
/** Any command of a catalogue. */
export type CommandIn<Cat> = { [K in keyof Cat]: CommandOf<Cat[K], K> }[keyof Cat];

/** What running a command produced: its use case's result under the command's name, or the policy's refusal. */
export type CommandOutcome<Cat> =
  | { [K in keyof Cat & string]: { readonly kind: K; readonly result: ResultOf<Cat[K]> } }[keyof Cat & string]
  | { readonly kind: 'refused'; readonly command: keyof Cat & string; readonly refusal: PolicyRefusal };

/** What this invocation changes (empty: read-only, the policy is not asked). */
export function changesUnder<C extends { readonly kind: string }>(spec: SubcommandSpec<C, unknown, never>, command: C): readonly StateChange[] {
  return spec.changesOf ? spec.changesOf(command) : spec.mayChange;
}

/** The model a command concerns, when it names one. */
export function modelOf(command: { readonly kind: string }): string | undefined {
  const model = (command as { readonly model?: unknown }).model;
  return typeof model === 'string' ? model : undefined;
}

/**
 * Runs the sub-commands of a declared list: every invocation that changes something asks the policy first (with
 * what the declaration says it changes), then its use case runs. A new entry is guarded by its declaration alone.
 */
export class SubcommandRunner<Cat extends Catalogue<U>, U> {
  constructor(
    private readonly catalogue: Cat,
    private readonly useCases: U,
    /** Asked before every command whose invocation changes something. */
    private readonly policy: ChangePolicy,
  ) {}

  /** The declared names, in declaration order. */
  get names(): readonly (keyof Cat & string)[] {
    return Object.keys(this.catalogue);
  }

  /** What this invocation changes (empty: read-only). */
  changesOf(command: CommandIn<Cat>): readonly StateChange[] {
    const c = asCommand(command);
    return changesUnder(this.specOf(c), c);
  }

  async execute(command: CommandIn<Cat>, ctx: CommandContext): Promise<CommandOutcome<Cat>> {
    const c = asCommand(command);
    const spec = this.specOf(c);
    const changes = changesUnder(spec, c);
    if (changes.length > 0) {
      const right = await this.policy.mayRun({ command: c.kind, changes, model: modelOf(c) }, ctx);
      if (!right.allowed) return { kind: 'refused', command: c.kind, refusal: right.refusal } as CommandOutcome<Cat>;
    }
    const result: unknown = await spec.run(this.useCases, c, ctx);
    return { kind: c.kind, result } as CommandOutcome<Cat>;
  }

  private specOf(command: AnyCommand): SubcommandSpec<AnyCommand, unknown, U> {
    const spec = Object.hasOwn(this.catalogue, command.kind) ? this.catalogue[command.kind] : undefined;
    if (!spec) throw new Error(`undeclared sub-command: ${command.kind}`);
    return spec as SubcommandSpec<AnyCommand, unknown, U>;
  }
}

/** A command with its type erased: every declared command is plain data with its name as `kind`. */
type AnyCommand = { readonly kind: string };

function asCommand(command: unknown): AnyCommand {
  return command as AnyCommand;
}
