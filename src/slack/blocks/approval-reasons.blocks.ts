import type { ApprovalReason } from '../../core/policy/planned-change';
import { esc } from './block-kit';

/** Why an approver has to decide, as one clause ("it takes the version out of Production, which is protected"). */
export function approvalWhy(reasons: readonly ApprovalReason[]): string {
  return reasons.map(reasonClause).join('; ');
}

/** True when the request only takes a version out of a protected stage (an archive or demotion, not a promotion). */
export function onlyLeaves(reasons: readonly ApprovalReason[] | undefined): boolean {
  return reasons !== undefined && reasons.length > 0 && reasons.every((r) => r.kind === 'leaves-stage');
}

function reasonClause(r: ApprovalReason): string {
  switch (r.kind) {
    case 'enters-stage':
      return `it puts the version into ${r.stage}, which is protected`;
    case 'leaves-stage':
      return `it takes the version out of ${r.stage}, which is protected`;
    case 'moves-alias':
      return `it moves \`@${esc(r.alias)}\`, which is protected`;
  }
}
