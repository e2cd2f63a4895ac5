import type { ApprovalReason } from '../../core/policy/planned-change';
import { joinMrkdwn, mrkdwn, type Mrkdwn } from './block-kit';

/** Why an approver has to decide, as one clause ("it takes the version out of Production, which is protected"). */
export function approvalWhy(reasons: readonly ApprovalReason[]): Mrkdwn {
  return joinMrkdwn(
    reasons.map((r) => reasonClause(r, 'it')),
    '; ',
  );
}

/** The same clauses as a sentence of its own ("It takes the version out of Production, which is protected."). */
export function approvalWhySentence(reasons: readonly ApprovalReason[]): Mrkdwn {
  return mrkdwn`${joinMrkdwn(
    reasons.map((r, i) => reasonClause(r, i === 0 ? 'It' : 'it')),
    '; ',
  )}.`;
}

/** True when the request only takes a version out of a protected stage (an archive or demotion, not a promotion). */
export function onlyLeaves(reasons: readonly ApprovalReason[] | undefined): boolean {
  return reasons !== undefined && reasons.length > 0 && reasons.every((r) => r.kind === 'leaves-stage');
}

function reasonClause(r: ApprovalReason, it: 'it' | 'It'): Mrkdwn {
  switch (r.kind) {
    case 'enters-stage':
      return mrkdwn`${it} puts the version into ${r.stage}, which is protected`;
    case 'leaves-stage':
      return mrkdwn`${it} takes the version out of ${r.stage}, which is protected`;
    case 'moves-alias':
      return mrkdwn`${it} moves \`@${r.alias}\`, which is protected`;
  }
}
