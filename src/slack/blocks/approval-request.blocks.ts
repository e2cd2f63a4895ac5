import type { KnownBlock } from '@slack/web-api';
import type { ApprovalRequest } from '../../core/approvals/approval';
import { assertNever } from '../../core/errors';
import { context, cut, esc, fields, header, link, mention, section, slackDate, type SlackMessage } from './block-kit';
import { approvalWhy, onlyLeaves } from './approval-reasons.blocks';
import { gateHeadline, gateLines } from './gate-report.blocks';
import { threeLinks } from './links.blocks';

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
    header(`${onlyLeaves(req.why) ? 'Stage change request' : 'Promotion request'}: ${title}`),
    fields([
      `*Model*\n${link(req.links.mlflow, req.model)}`,
      `*Version*\n${esc(req.version)}`,
      stageChanges ? `*Stage*\n${req.fromStage} → *${req.toStage}*` : `*Stage*\n${req.fromStage} (unchanged)`,
      `*Requested by*\n${mention(req.requester)}`,
      ...(req.alias === undefined ? [] : [`*Alias*\n\`@${esc(req.alias)}\` → v${esc(req.version)}\n\`models:/${esc(req.model)}@${esc(req.alias)}\``]),
    ]),
    ...(req.why === undefined ? [] : [section(`*Why an approval*\n${capitalize(approvalWhy(req.why))}.`)]),
    section(`*Metrics*\n${metricsText(req.metrics)}`),
    ...(req.gates ? [section(`*Promotion gates* (${gateHeadline(req.gates)})\n${gateLines(req.gates)}`)] : []),
    section(`*Description*\n${req.description.trim() ? esc(cut(req.description.trim(), DESCRIPTION_MAX_CHARS)) : '_none_'}`),
    ...(stageChanges ? [section(holdersText(req))] : []),
    ...(req.alias === undefined ? [] : [section(aliasHolderText(req))]),
    context(threeLinks(req.links)),
  ];
  blocks.push(...stateBlocks(req));
  return { text: `${statusWord(req)}: ${title} (requested by ${mention(req.requester)})`, blocks };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function metricsText(metrics: Readonly<Record<string, number>>): string {
  const entries = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '_no run metrics recorded_';
  const shown = entries.slice(0, METRICS_MAX).map(([k, v]) => `${esc(k)}: *${formatMetric(v)}*`);
  const more = entries.length > METRICS_MAX ? ` (+${entries.length - METRICS_MAX} more)` : '';
  return shown.join(' · ') + more;
}

function formatMetric(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, '');
}

/** "None → Production", "@champion" or "None → Production + @champion". */
function targetTitle(req: ApprovalRequest): string {
  const parts = [req.toStage !== req.fromStage ? `${req.fromStage} → ${req.toStage}` : undefined, req.alias === undefined ? undefined : `@${req.alias}`];
  return parts.filter((p) => p !== undefined).join(' + ');
}

function aliasHolderText(req: ApprovalRequest): string {
  const alias = `\`@${esc(req.alias ?? '')}\``;
  return req.aliasHolder === undefined ? `*Current ${alias}*: _none_` : `*Current ${alias}*: v${esc(req.aliasHolder)}, *moves to v${esc(req.version)}*`;
}

/** How to ask again, for the expired state. */
function askAgain(req: ApprovalRequest): string {
  if (req.toStage === req.fromStage && req.alias !== undefined) return `/model alias ${req.model} ${req.version} ${req.alias}`;
  return `/model promote ${req.model} ${req.version} ${req.toStage.toLowerCase()}`;
}

function holdersText(req: ApprovalRequest): string {
  if (req.holders.length === 0) return `*Current ${req.toStage}*: _none_`;
  const list = req.holders.map((v) => `v${esc(v)}`).join(', ');
  return req.archiveExisting ? `*Current ${req.toStage}*: ${list}, *will be archived*` : `*Current ${req.toStage}*: ${list} (stays)`;
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

function stateBlocks(req: ApprovalRequest): KnownBlock[] {
  const when = req.decidedAt === undefined ? '' : ` at ${slackDate(req.decidedAt)}`;
  switch (req.status) {
    case 'pending': {
      // Failing gates: approving is an override (GATE_OVERRIDE=approvers), so the button says so and asks to confirm.
      const override = req.gates !== undefined && !req.gates.passed;
      return [
        {
          type: 'actions',
          block_id: 'approval_actions',
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
        },
        context(`Approvers only, never the requester. Expires ${slackDate(req.expiresAt)} if nobody decides.`),
      ];
    }
    case 'approved': {
      const now = [req.toStage !== req.fromStage ? `is now in ${req.toStage}` : undefined, req.alias === undefined ? undefined : `holds @${esc(req.alias)}`]
        .filter(Boolean)
        .join(' and ');
      const override = req.gateOverride
        ? `\n:warning: *Failing gates overridden* by ${mention(req.gateOverride.by)}: ${esc(cut(req.gateOverride.failed.join('; '), 1000))}`
        : '';
      return [
        section(`:white_check_mark: *Approved* by ${mention(req.decidedBy ?? 'unknown')}${when}. ${esc(req.model)} v${esc(req.version)} ${now}.${override}`),
      ];
    }
    case 'rejected':
      return [section(`:x: *Rejected* by ${mention(req.decidedBy ?? 'unknown')}${when}.\n*Reason:* ${esc(cut(req.reason ?? '', 1500)) || '_none given_'}`)];
    case 'expired':
      return [section(`:hourglass: *Expired* at ${slackDate(req.expiresAt)} without a decision. Ask again with \`${esc(askAgain(req))}\`.`)];
    case 'superseded':
      return [section(`:warning: *No longer applies*${when}: ${esc(req.reason ?? 'the version changed stage meanwhile')}`)];
    default:
      return assertNever(req.status, 'approval status');
  }
}
