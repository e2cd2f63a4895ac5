import type { StatePort } from '../ports/store.port';
import type { CommandContext } from './command';

/** A form stays answerable this long after it was opened (then it must be opened again). */
export const FORM_SESSION_TTL_MS = 24 * 3_600_000;

/**
 * Who opened a form, and where: kept server-side by the form's id when it opens, so a submission runs with the
 * context of the command that opened it, never one the submitted payload claims (a channel picked to slip past a
 * channel rule). Shared by every instance through the state store.
 */
export class FormSessions {
  constructor(private readonly state: StatePort) {}

  async open(formId: string, ctx: CommandContext): Promise<void> {
    await this.state.set(key(formId), { userId: ctx.userId, channelId: ctx.channelId }, FORM_SESSION_TTL_MS);
  }

  /** The context the form was opened with, if `userId` opened it and it is still known. */
  async contextOf(formId: string, userId: string): Promise<CommandContext | undefined> {
    const ctx = await this.state.get<CommandContext>(key(formId));
    return ctx && ctx.userId === userId ? ctx : undefined;
  }
}

function key(formId: string): string {
  return `form:${formId}`;
}
