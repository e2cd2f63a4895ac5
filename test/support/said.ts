/**
 * The sentence a person reads for a core refusal: the Slack renderer's mrkdwn with its entities decoded (mentions
 * stay as `<@U…>` tokens). Core tests assert the typed refusal and, through this, the exact words they always did.
 */
import type { Refusal } from '../../src/core/outcomes/refusal';
import { refusalSentence } from '../../src/slack/blocks/refusal.blocks';

export function said(outcome: unknown): string {
  const refusal = refusalIn(outcome);
  if (!refusal) throw new Error(`no refusal in ${JSON.stringify(outcome)}`);
  return refusalSentence(refusal).text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The refusal itself, or the one an outcome carries (at its top or in its command's `result`). */
function refusalIn(outcome: unknown): Refusal | undefined {
  const o = outcome as { code?: unknown; refusal?: Refusal; result?: { refusal?: Refusal } } | undefined;
  if (typeof o?.code === 'string') return o as unknown as Refusal;
  return o?.refusal ?? o?.result?.refusal;
}
