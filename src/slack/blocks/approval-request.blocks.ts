import type { KnownBlock } from '@slack/web-api';
import type { ApprovalRequest, HolderSnapshot, RollbackContext } from '../../core/approvals/approval';
import { assertNever } from '../../core/errors';
import { OUTSIDE_ACTOR } from '../../core/history/last-decision';
import { context, cut, fields, header, joinMrkdwn, link, mention, message, mrkdwn, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';
import { approvalWhySentence, onlyLeaves } from './approval-reasons.blocks';
import { askAgainCommand, supersededText } from './approval-wording.blocks';
import { gateHeadline, gateLines } from './gate-report.blocks';
import { threeLinks } from './links.blocks';
import { principalMentions } from './principals.blocks';

/** action_id of the Approve button (the button value is the request id, nothing else). */
export const APPROVE_ACTION_ID = 'approval_approve';
/** action_id of the Reject button. */
export const REJECT_ACTION_ID = 'approval_reject';
/** Description shown on the request before it is cut. */
const DESCRIPTION_MAX_CHARS = 600;
/** Metrics shown; a run with more lists the rest as a count. */
const METRICS_MAX = 8;

/** The request message in its current state: buttons while pending, the outcome once decided. */
export function approvalRequestMessage(req: ApprovalRequest): SlackMessage {
  const title = `${req.model} v${req.version}: ${targetTitle(req)}`;
  const stageChanges = req.toStage !== req.fromStage;
  const blocks: KnownBlock[] = [
    header(`${req.rollback ? 'Rollback request' : onlyLeaves(req.why) ? 'Stage change request' : 'Promotion request'}: ${title}`),
    fields([
      mrkdwn`*Model*\n${link(req.links.mlflow, req.model)}`,
      mrkdwn`*Version*\n${req.version}`,
      stageChanges ? mrkdwn`*Stage*\n${req.fromStage} → *${req.toStage}*` : mrkdwn`*Stage*\n${req.fromStage} (unchanged)`,
      mrkdwn`*Requested by*\n${requesterText(req.requester)}`,
      ...(req.alias === undefined ? [] : [mrkdwn`*Alias*\n\`@${req.alias}\` → v${req.version}\n\`models:/${req.model}@${req.alias}\``]),
    ]),
    ...(req.why === undefined ? [] : [section(mrkdwn`*Why an approval*\n${approvalWhySentence(req.why)}`)]),
    ...(req.rollback ? [section(rollbackText(req.rollback))] : []),
    section(mrkdwn`*Metrics*\n${metricsText(req.metrics)}`),
    ...(req.gates ? [section(mrkdwn`*Promotion gates* (${gateHeadline(req.gates)})\n${gateLines(req.gates)}`)] : []),
    section(mrkdwn`*Description*\n${req.description.trim() ? cut(req.description.trim(), DESCRIPTION_MAX_CHARS) : mrkdwn`_none_`}`),
    ...(stageChanges ? [section(holdersText(req))] : []),
    ...(req.alias === undefined ? [] : [section(aliasHolderText(req))]),
    context(threeLinks(req.links)),
  ];
  blocks.push(...stateBlocks(req));
  return message(fallbackText(req, title), blocks);
}

/**
 * The text fallback, what a notification shows: while pending it mentions the approvers (that is what pages them);
 * once decided it names who decided.
 */
function fallbackText(req: ApprovalRequest, title: string): Mrkdwn {
  const asked = mrkdwn`${statusWord(req)}: ${title} (requested by ${requesterText(req.requester)}`;
  if (req.status === 'pending') {
    const approvers = req.approvers ?? [];
    return approvers.length === 0 ? mrkdwn`${asked})` : mrkdwn`${asked}) · approvers: ${principalMentions(approvers)}`;
  }
  if ((req.status === 'approved' || req.status === 'rejected') && req.decidedBy !== undefined) {
    return mrkdwn`${asked}, ${req.status} by ${mention(req.decidedBy)})`;
  }
  return mrkdwn`${asked})`;
}

/** Who may decide, mentioned so they are paged (with APPROVERS empty: anyone but the requester). */
function approversLine(req: ApprovalRequest): Mrkdwn {
  const approvers = req.approvers ?? [];
  return approvers.length === 0 ? mrkdwn`Anyone may decide` : mrkdwn`Approvers: ${principalMentions(approvers)}`;
}

/** Both holders of a rollback: the one leaving and the one coming back, their metrics and since when each held it. */
function rollbackText(r: RollbackContext): Mrkdwn {
  const since = (h: HolderSnapshot, verb: string) => (h.since === undefined ? mrkdwn`` : mrkdwn`, ${verb} ${slackDate(h.since)}`);
  const now =
    r.current === undefined
      ? mrkdwn`*Holds ${r.target} now*: _none_`
      : mrkdwn`*Holds ${r.target} now*: v${r.current.version}${since(r.current, 'since')}\n${metricsText(r.current.metrics)}`;
  const back = mrkdwn`*Goes back*: v${r.previous.version}${since(r.previous, 'which took it over')}\n${metricsText(r.previous.metrics)}`;
  return mrkdwn`:rewind: *Rollback of ${r.target}*\n${now}\n${back}`;
}

/** The requester; a change found outside the app was asked by nobody the app knows. */
function requesterText(requester: string): Mrkdwn {
  return requester === OUTSIDE_ACTOR ? mrkdwn`_someone outside modelsync (MLflow UI or API); the guard put it back until approved_` : mention(requester);
}

function metricsText(metrics: Readonly<Record<string, number>>): Mrkdwn {
  const entries = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return mrkdwn`_no run metrics recorded_`;
  const shown = entries.slice(0, METRICS_MAX).map(([k, v]) => mrkdwn`${k}: *${formatMetric(v)}*`);
  const more = entries.length > METRICS_MAX ? mrkdwn` (+${entries.length - METRICS_MAX} more)` : mrkdwn``;
  return mrkdwn`${joinMrkdwn(shown, ' · ')}${more}`;
}

function formatMetric(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, '');
}

/** "None → Production", "@champion" or "None → Production + @champion". */
function targetTitle(req: ApprovalRequest): string {
  const parts = [req.toStage !== req.fromStage ? `${req.fromStage} → ${req.toStage}` : undefined, req.alias === undefined ? undefined : `@${req.alias}`];
  return parts.filter((p) => p !== undefined).join(' + ');
}

function aliasHolderText(req: ApprovalRequest): Mrkdwn {
  const alias = mrkdwn`\`@${req.alias ?? ''}\``;
  return req.aliasHolder === undefined ? mrkdwn`*Current ${alias}*: _none_` : mrkdwn`*Current ${alias}*: v${req.aliasHolder}, *moves to v${req.version}*`;
}

function holdersText(req: ApprovalRequest): Mrkdwn {
  if (req.holders.length === 0) return mrkdwn`*Current ${req.toStage}*: _none_`;
  const list = joinMrkdwn(
    req.holders.map((v) => mrkdwn`v${v}`),
    ', ',
  );
  return req.archiveExisting ? mrkdwn`*Current ${req.toStage}*: ${list}, *will be archived*` : mrkdwn`*Current ${req.toStage}*: ${list} (stays)`;
}

function statusWord(req: ApprovalRequest): string {
  switch (req.status) {
    case 'pending':
      return 'Approval needed';
    case 'approved':
      return 'Approved';
    case 'rejected':
      return 'Rejected';
    case 'expired':
      return 'Expired';
    case 'superseded':
      return 'No longer applies';
    default:
      return assertNever(req.status, 'approval status');
  }
}

/** What changed since the request; a request superseded before changes were data shows its stored sentence. */
function supersededState(req: ApprovalRequest): Mrkdwn {
  if (req.changes !== undefined) return supersededText(req.changes);
  return mrkdwn`${req.reason ?? 'the version changed stage meanwhile'}`;
}

/** Who decided: a mention, or "someone" for a request stored without the decider. */
function decider(req: ApprovalRequest): Mrkdwn {
  return req.decidedBy === undefined ? mrkdwn`someone` : mention(req.decidedBy);
}

function stateBlocks(req: ApprovalRequest): KnownBlock[] {
  const when = req.decidedAt === undefined ? mrkdwn`` : mrkdwn` at ${slackDate(req.decidedAt)}`;
  switch (req.status) {
    case 'pending':
      return [approvalButtons(req), context(mrkdwn`${approversLine(req)}, never the requester. Expires ${slackDate(req.expiresAt)} if nobody decides.`)];
    case 'approved': {
      const parts = [
        req.toStage !== req.fromStage ? mrkdwn`is now in ${req.toStage}` : undefined,
        req.alias === undefined ? undefined : mrkdwn`holds @${req.alias}`,
      ];
      const now = joinMrkdwn(
        parts.filter((p) => p !== undefined),
        ' and ',
      );
      const override = req.gateOverride
        ? mrkdwn`\n:warning: *Failing gates overridden* by ${mention(req.gateOverride.by)}: ${cut(req.gateOverride.failed.join('; '), 1000)}`
        : mrkdwn``;
      return [section(mrkdwn`:white_check_mark: *Approved* by ${decider(req)}${when}. ${req.model} v${req.version} ${now}.${override}`)];
    }
    case 'rejected': {
      const reason = req.reason?.trim() ? cut(req.reason, 1500) : mrkdwn`_none given_`;
      return [section(mrkdwn`:x: *Rejected* by ${decider(req)}${when}.\n*Reason:* ${reason}`)];
    }
    case 'expired':
      return [section(mrkdwn`:hourglass: *Expired* at ${slackDate(req.expiresAt)} without a decision. Ask again with \`${askAgainCommand(req)}\`.`)];
    case 'superseded':
      return [section(mrkdwn`:warning: *No longer applies*${when}: ${supersededState(req)}`)];
    default:
      return assertNever(req.status, 'approval status');
  }
}

/**
 * The Approve and Reject buttons of a pending request (the channel message and the Home tab use the same action ids,
 * so the same listeners and re-checks apply). Failing gates: approving is an override (GATE_OVERRIDE=approvers), so
 * the button says so and asks to confirm. `blockId` must be unique within one view.
 */
export function approvalButtons(req: ApprovalRequest, blockId = 'approval_actions'): KnownBlock {
  const override = req.gates !== undefined && !req.gates.passed;
  return {
    type: 'actions',
    block_id: blockId,
    elements: [
      override
        ? {
            type: 'button',
            action_id: APPROVE_ACTION_ID,
            style: 'danger',
            text: { type: 'plain_text', text: 'Override gates and approve' },
            value: req.id,
            confirm: {
              title: { type: 'plain_text', text: 'Override failing gates?' },
              text: {
                type: 'plain_text',
                text: 'The promotion gates fail for this version. Your override is recorded in the audit trail and as a version tag.',
              },
              confirm: { type: 'plain_text', text: 'Override and approve' },
              deny: { type: 'plain_text', text: 'Cancel' },
            },
          }
        : { type: 'button', action_id: APPROVE_ACTION_ID, style: 'primary', text: { type: 'plain_text', text: 'Approve' }, value: req.id },
      { type: 'button', action_id: REJECT_ACTION_ID, style: 'danger', text: { type: 'plain_text', text: 'Reject' }, value: req.id },
    ],
  };
}
