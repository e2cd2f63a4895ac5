import type { KnownBlock } from '@slack/web-api';
import type { ApprovalRequest } from '../../core/approvals/approval';
import { channelMention, context, cut, mention, message, mrkdwn, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';
import { askAgainCommand } from './approval-wording.blocks';
import { slackMessageRef } from '../notifier/slack-message-ref';
import { threeLinks } from './links.blocks';

/** What was asked, in a few words: "churn v5 → Production", "churn v5 → @champion". */
function asked(req: ApprovalRequest): Mrkdwn {
  const stage = req.toStage !== req.fromStage ? mrkdwn` → ${req.toStage}` : mrkdwn``;
  const alias = req.alias === undefined ? mrkdwn`` : mrkdwn` → @${req.alias}`;
  return mrkdwn`${req.model} v${req.version}${stage}${alias}`;
}

/** Where the request was decided, as a line pointing at its channel. */
function where(req: ApprovalRequest): KnownBlock[] {
  const ref = slackMessageRef(req.message);
  return ref ? [context(mrkdwn`The request and its thread are in ${channelMention(ref.channel)}.`)] : [];
}

/**
 * The direct message to the requester when their request is decided or expires: what happened, who decided, the
 * reject reason, and how to ask again. Undefined for states the requester is not told about (pending, superseded).
 */
export function requesterNoticeMessage(req: ApprovalRequest): SlackMessage | undefined {
  const by = req.decidedBy === undefined ? mrkdwn`an approver` : mention(req.decidedBy);
  switch (req.status) {
    case 'approved':
      return message(mrkdwn`Approved by ${req.decidedBy === undefined ? 'an approver' : by}: ${asked(req)}`, [
        section(mrkdwn`:white_check_mark: Your request *${asked(req)}* was *approved* by ${by}; it is done.`),
        context(threeLinks(req.links)),
        ...where(req),
      ]);
    case 'rejected': {
      const reason = req.reason?.trim() ? cut(req.reason.trim(), 1500) : 'no reason given';
      return message(mrkdwn`Rejected by ${by}: ${asked(req)}. Reason: ${reason}`, [
        section(mrkdwn`:x: Your request *${asked(req)}* was *rejected* by ${by}.\n*Reason:* ${reason}`),
        context(mrkdwn`Nothing was changed. To ask again: \`${askAgainCommand(req)}\``),
        ...where(req),
      ]);
    }
    case 'expired':
      return message(mrkdwn`Expired without a decision: ${asked(req)}`, [
        section(mrkdwn`:hourglass: Your request *${asked(req)}* expired at ${slackDate(req.expiresAt)} without a decision.`),
        context(mrkdwn`Nothing was changed. To ask again: \`${askAgainCommand(req)}\``),
        ...where(req),
      ]);
    case 'pending':
    case 'superseded':
      return undefined;
  }
}
