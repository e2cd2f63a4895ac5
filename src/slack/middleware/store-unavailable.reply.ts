import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { mrkdwn, plain } from '../blocks/block-kit';

/** What the user reads when the state store fails before anything ran: what did not happen, and what to do. */
export const STORE_UNAVAILABLE_TEXT = mrkdwn`:warning: The state store is unavailable; nothing was changed. Please try again in a minute — if it keeps happening, tell whoever runs modelsync.`;

/** The same sentence without the emoji, for a modal's inline error (plain text only). */
const STORE_UNAVAILABLE_INLINE = 'The state store is unavailable; nothing was changed. Please try again in a minute.';

type Json = Record<string, unknown>;
type Args = AnyMiddlewareArgs & AllMiddlewareArgs;
type Ack = (response?: unknown) => Promise<void>;
type Respond = (message: unknown) => Promise<unknown>;

/** The block_id of the first input block of a submitted modal (where an inline error can be shown). */
export function firstInputBlockId(body: unknown): string | undefined {
  const blocks = ((body as { view?: { blocks?: unknown } } | undefined)?.view?.blocks ?? []) as Json[];
  const input = Array.isArray(blocks) ? blocks.find((b) => b?.type === 'input' && typeof b.block_id === 'string') : undefined;
  return input?.block_id as string | undefined;
}

/**
 * Acknowledges a request the store could not take and tells the user, in the form each surface allows: a slash
 * command in its ack (ephemeral), a button click through its response_url (its ack carries no message), a modal
 * submission as an error on its first input (the modal stays open, nothing typed is lost).
 */
export async function answerStoreUnavailable(args: Args): Promise<void> {
  const body = args.body as Json;
  const ack = (args as { ack?: Ack }).ack;
  if (typeof body.command === 'string') {
    await ack?.({ response_type: 'ephemeral', ...plain(STORE_UNAVAILABLE_TEXT) });
    return;
  }
  if (body.type === 'view_submission') {
    const blockId = firstInputBlockId(body);
    await ack?.(blockId ? { response_action: 'errors', errors: { [blockId]: STORE_UNAVAILABLE_INLINE } } : undefined);
    return;
  }
  await ack?.();
  const respond = (args as { respond?: Respond }).respond;
  if (respond) await respond({ response_type: 'ephemeral', replace_original: false, ...plain(STORE_UNAVAILABLE_TEXT) });
}
