import type { View } from '@slack/web-api';
import type { ApprovalRequest } from '../../core/approvals/approval';
import { mrkdwn, section } from './block-kit';

/** callback_id of the reject-reason modal. */
export const REJECT_VIEW_CALLBACK_ID = 'approval_reject_reason';
export const REASON_BLOCK_ID = 'reason';
export const REASON_ACTION_ID = 'reason_input';

/** What the modal carries back: only ids, never secrets. */
export interface RejectModalMetadata {
  readonly requestId: string;
  /** Where to tell the rejecter if the decision is refused after all (e.g. someone approved meanwhile). */
  readonly channel?: string;
}

/** The modal asking for a reject reason. */
export function rejectReasonModal(req: ApprovalRequest, channel: string | undefined): View {
  const metadata: RejectModalMetadata = { requestId: req.id, channel };
  return {
    type: 'modal',
    callback_id: REJECT_VIEW_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Reject promotion' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(mrkdwn`Reject *${req.model}* v${req.version}: ${req.fromStage} → *${req.toStage}*?`),
      {
        type: 'input',
        block_id: REASON_BLOCK_ID,
        label: { type: 'plain_text', text: 'Reason' },
        element: { type: 'plain_text_input', action_id: REASON_ACTION_ID, multiline: true, min_length: 3, max_length: 1000 },
      },
    ],
  };
}

/** Reads the metadata back; undefined when it is not ours. */
export function readRejectMetadata(raw: string): RejectModalMetadata | undefined {
  try {
    const v = JSON.parse(raw) as Partial<RejectModalMetadata>;
    return typeof v.requestId === 'string' ? { requestId: v.requestId, channel: typeof v.channel === 'string' ? v.channel : undefined } : undefined;
  } catch {
    return undefined;
  }
}
