/** Fixtures of the history renderer (issue 14): every event, actor kind and target shape. */
import type { AuditEntry } from '../../../src/core/approvals/audit-log';
import { GUARD_ACTOR, OUTSIDE_ACTOR } from '../../../src/core/history/last-decision';
import type { HistoryLine, HistoryResult } from '../../../src/core/history/history.query';
import type { GuardIncident } from '../../../src/core/guard/guard-types';

const AT = Date.UTC(2026, 11, 1, 14, 7);
const URL = 'https://mlflow.example.com/#/models/churn/versions/5';

const ENTRIES: AuditEntry[] = [
  { event: 'requested', model: 'churn', version: '5', by: 'U0ALICE', at: AT, from: 'None', to: 'Production', requestId: 'abcdef12-3456' },
  {
    event: 'transitioned',
    model: 'churn',
    version: '5',
    by: 'U0ALICE',
    approvedBy: 'U0BOB',
    at: AT,
    from: 'None',
    to: 'Production',
    requestId: 'abcdef12-3456',
  },
  { event: 'alias_set', model: 'churn', version: '5', by: 'U0ALICE', at: AT, alias: 'champion', previousVersion: '4' },
  { event: 'outside_change', model: 'churn', version: '7', by: OUTSIDE_ACTOR, at: AT, from: 'None', to: 'Production' },
  { event: 'outside_change', model: 'churn', version: '4', by: OUTSIDE_ACTOR, at: AT, alias: 'champion', removed: true },
  { event: 'reverted', model: 'churn', version: '7', by: GUARD_ACTOR, at: AT, from: 'Production', to: 'None', reason: 'guard: outside change put back' },
  { event: 'rejected', model: 'churn', version: '6', by: 'U0BOB', at: AT, from: 'None', to: 'Production', reason: 'recall dropped' },
  {
    event: 'superseded',
    model: 'churn',
    version: '6',
    by: 'U0BOB',
    at: AT,
    changes: [{ kind: 'version_stage', model: 'churn', version: '6', now: 'Staging' }],
  },
];

export const HISTORY_LINES: HistoryLine[] = ENTRIES.map((entry) => ({ entry, versionUrl: URL }));

export const HISTORY_RESULTS: HistoryResult[] = [
  { found: true, model: 'churn', modelUrl: 'https://mlflow.example.com/#/models/churn', lines: HISTORY_LINES, total: 30 },
  { found: true, model: 'churn', modelUrl: 'https://mlflow.example.com/#/models/churn', target: { kind: 'alias', alias: 'champion' }, lines: [], total: 0 },
  {
    found: true,
    model: 'churn',
    modelUrl: 'https://mlflow.example.com/#/models/churn',
    target: { kind: 'stage', stage: 'Production' },
    lines: HISTORY_LINES.slice(0, 2),
    total: 2,
  },
  { found: false, refusal: { code: 'model_missing', model: 'churn' } },
];

const INCIDENT_BASE = { id: 'inc1', foundAt: AT, foundBy: 'sync' as const, modelUrl: 'https://mlflow.example.com/#/models/churn' };

/** Guard incidents: open alerts (stage, alias), the guard's own revert, an approver's revert, superseded, a failed revert. */
export const GUARD_INCIDENTS: GuardIncident[] = [
  {
    ...INCIDENT_BASE,
    mode: 'alert',
    status: 'open',
    change: {
      kind: 'stage',
      model: 'churn',
      stage: 'Production',
      before: ['4'],
      after: ['5'],
      moves: [
        { version: '5', from: 'None', to: 'Production' },
        { version: '4', from: 'Production', to: 'Archived' },
      ],
    },
  },
  {
    ...INCIDENT_BASE,
    mode: 'alert',
    status: 'open',
    foundBy: 'webhook',
    change: { kind: 'alias', model: 'churn', alias: 'champion', before: '4', after: '7' },
  },
  {
    ...INCIDENT_BASE,
    mode: 'revert',
    status: 'reverted',
    revertedBy: GUARD_ACTOR,
    revertedAt: AT,
    requestId: 'req9',
    change: { kind: 'stage', model: 'churn', stage: 'Production', before: [], after: ['5'], moves: [{ version: '5', to: 'Production' }] },
  },
  {
    ...INCIDENT_BASE,
    mode: 'alert',
    status: 'reverted',
    revertedBy: 'U0BOB',
    revertedAt: AT,
    change: { kind: 'alias', model: 'churn', alias: 'champion', before: '4' },
  },
  { ...INCIDENT_BASE, mode: 'alert', status: 'superseded', change: { kind: 'alias', model: 'churn', alias: 'champion', after: '7' } },
  {
    ...INCIDENT_BASE,
    mode: 'revert',
    status: 'open',
    problem: 'MLflow could not be reached',
    change: { kind: 'stage', model: 'churn', stage: 'Production', before: ['4'], after: [], moves: [{ version: '4', from: 'Production' }] },
  },
];
