/** Typed refusals and approval changes for the Slack renderers, one per code and branch (see renderer-fixtures.ts). */
import type { ApprovalChange } from '../../../src/core/approvals/approval-change';
import type { Refusal } from '../../../src/core/outcomes/refusal';
import { AT, GATES } from './renderer-fixtures';

/** One refusal per code, with the fields its sentence names (principals and channels become mentions). */
export const REFUSALS: Refusal[] = [
  { code: 'model_missing', model: 'churn' },
  { code: 'model_missing', model: 'chrun', nearest: 'churn' },
  { code: 'model_missing', model: 'fraud', nearest: 'fraud v2' },
  { code: 'run_missing', model: 'churn', runId: '0123456789abcdef' },
  { code: 'version_missing', model: 'churn', version: '9', latest: '5' },
  { code: 'version_missing', model: 'churn', version: '1' },
  { code: 'alias_missing', model: 'churn', alias: 'x' },
  { code: 'alias_invalid', alias: 'champ.ion', problem: 'characters' },
  { code: 'alias_invalid', alias: 'v3', problem: 'reserved_version' },
  { code: 'alias_invalid', alias: '', problem: 'empty' },
  { code: 'alias_invalid', alias: 'LATEST', problem: 'reserved_latest' },
  { code: 'alias_invalid', alias: 'a', problem: 'too_long' },
  { code: 'alias_already_there', model: 'churn', version: '2', alias: 'challenger' },
  { code: 'nothing_to_do', model: 'churn', version: '2', stage: 'Production', alias: 'champion' },
  { code: 'nothing_to_do', model: 'churn', version: '2', stage: 'Production' },
  { code: 'no_alias_for_stage', stage: 'Staging' },
  { code: 'no_previous_holder', model: 'churn', target: 'Production', current: '5' },
  { code: 'may_not_revert' },
  { code: 'incident_closed', status: 'reverted', by: 'U0BOB', at: 1_764_598_020_000 },
  { code: 'incident_closed', status: 'reverted', by: 'modelsync-guard' },
  { code: 'incident_closed', status: 'superseded' },
  { code: 'no_previous_holder', model: 'churn', target: '@champion' },
  { code: 'previous_version_gone', model: 'churn', target: 'Production', version: '3' },
  { code: 'protected_alias_removal', model: 'churn', alias: 'champion' },
  { code: 'removal_needs_approver', alias: 'champion' },
  { code: 'rules_need_model', command: 'rollback' },
  { code: 'channel_not_allowed', model: 'churn', channels: ['C0APPROVALS', 'C0MLOPS'] },
  { code: 'not_allowed_to_request', model: 'churn', principals: ['U0ALICE', 'S0TEAM'] },
  { code: 'cleanup_not_allowed', principals: ['U0BOB', 'S0TEAM'] },
  { code: 'cleanup_not_allowed', principals: [] },
  { code: 'own_request' },
  { code: 'not_an_approver' },
  { code: 'may_not_reject' },
  { code: 'request_unknown' },
  { code: 'request_decided', status: 'approved', by: 'U0BOB', at: AT },
  { code: 'request_decided', status: 'rejected' },
  { code: 'request_expired', expiresAt: AT, move: { model: 'churn', version: '5', fromStage: 'None', toStage: 'Production' } },
  { code: 'request_expired', expiresAt: AT, move: { model: 'churn', version: '5', fromStage: 'None', toStage: 'None', alias: 'champion' } },
  { code: 'request_superseded', changes: [{ kind: 'version_stage', model: 'churn', version: '5', now: 'Staging' }] },
  { code: 'request_superseded', changes: [], note: 'Version 5 of churn changed stage since the request' },
  { code: 'decision_in_progress' },
  { code: 'gates_fail', report: GATES },
  { code: 'gates_started_failing', report: GATES },
  { code: 'transition_failed', error: 'MLflow answered 503.' },
];

/** What changed since a request, one of each kind and branch. */
export const APPROVAL_CHANGES: ApprovalChange[][] = [
  [{ kind: 'version_stage', model: 'churn', version: '5', now: 'Staging' }],
  [{ kind: 'version_stage', model: 'churn', version: '5' }],
  [
    { kind: 'stage_holders', stage: 'Production', then: [], now: ['3'] },
    { kind: 'stage_holders', stage: 'Production', then: ['4'], now: [] },
    { kind: 'stage_holders', stage: 'Production', then: ['4'], now: ['3', '4'] },
  ],
  [
    { kind: 'alias_holder', alias: 'champion', now: '7' },
    { kind: 'alias_holder', alias: 'champion', then: '7' },
    { kind: 'alias_holder', alias: 'champion', then: '5', now: '7' },
  ],
];
