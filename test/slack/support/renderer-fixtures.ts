/** Typed inputs for every Slack renderer, one per branch worth rendering; the hygiene test fills them with hostile data. */
import type { ApprovalRequest } from '../../../src/core/approvals/approval';
import type { AuditEntry } from '../../../src/core/approvals/audit-log';
import type { ModelResult } from '../../../src/core/commands/model-commands';
import type { PromoteOutcome } from '../../../src/core/commands/promote-outcome';
import type { ModelVersion } from '../../../src/core/domain/model-version';
import type { GateReport } from '../../../src/core/gates/gate-report';
import type { AliasChangeNotice } from '../../../src/core/notifications/alias-change';
import type { StageChangeNotice, VersionLinks } from '../../../src/core/notifications/stage-change';
import type { SyncReport } from '../../../src/core/sync/sync-report';
import type { RegistryEventNotice } from '../../../src/core/ports/registry-event-notifier.port';
import type { ParseError } from '../../../src/slack/blocks/help.blocks';

export const AT = Date.UTC(2026, 11, 1, 12, 0, 0);

export const LINKS: VersionLinks = {
  mlflow: 'https://mlflow.test/#/models/churn/versions/5',
  notion: 'https://www.notion.so/abc',
  zenml: 'http://zenml.test/v/1',
};
const NO_TWINS: VersionLinks = { mlflow: 'https://mlflow.test/#/models/churn/versions/4', notion: null, zenml: null };

export const GATES: GateReport = {
  passed: false,
  checkedAt: AT,
  results: [
    { target: 'Production', rule: 'accuracy >= 0.9', passed: true, actual: '0.93' },
    { target: '@champion', rule: 'tag validation != failed', passed: false, actual: 'failed', reason: 'tag validation is "failed" on version 5' },
  ],
};

const VERSION: ModelVersion = {
  name: 'churn',
  version: '5',
  stage: 'Production',
  description: 'gradient boosting',
  source: 's3://bucket/churn/5',
  runId: 'run123',
  createdAt: AT,
  lastUpdatedAt: AT,
  userId: 'mlflow-user',
  status: 'READY',
  tags: { team: 'growth' },
  aliases: ['champion'],
};

export const STAGE_CHANGES: StageChangeNotice[] = [
  {
    model: 'churn',
    version: '5',
    from: 'Staging',
    to: 'Production',
    actor: { kind: 'user', userId: 'U0ALICE', approvedBy: 'U0BOB' },
    cause: 'approved',
    at: AT,
    links: LINKS,
  },
  { model: 'churn', version: '4', from: 'Production', to: 'Archived', actor: { kind: 'user', userId: 'U0ALICE' }, cause: 'replaced', at: AT, links: NO_TWINS },
  { model: 'churn', version: '3', from: 'None', to: 'Staging', actor: { kind: 'user', userId: 'U0ALICE' }, cause: 'promoted', at: AT, links: LINKS },
  { model: 'churn', version: '2', from: 'Staging', to: 'Archived', actor: { kind: 'user', userId: 'U0ALICE' }, cause: 'archived', at: AT, links: LINKS },
  { model: 'churn', version: '1', from: 'None', to: 'Production', actor: { kind: 'external' }, cause: 'external', at: AT, links: LINKS },
  // A promotion with the previous holder archived in the same post, approved in the request's thread.
  {
    model: 'churn',
    version: '6',
    from: 'Staging',
    to: 'Production',
    actor: { kind: 'user', userId: 'U0ALICE', approvedBy: 'U0BOB' },
    cause: 'approved',
    at: AT,
    links: LINKS,
    replaced: [{ version: '5', from: 'Production', links: NO_TWINS }],
    thread: { channel: 'C0APPROVALS', ts: '1.2' },
  },
  // PROMOTION_VOCABULARY=both: the stage, the alias it moved and the archived holder, one post.
  {
    model: 'churn',
    version: '7',
    from: 'None',
    to: 'Production',
    actor: { kind: 'user', userId: 'U0ALICE', approvedBy: 'U0BOB' },
    cause: 'approved',
    at: AT,
    links: LINKS,
    alias: { alias: 'champion', modelUri: 'models:/churn@champion', previousVersion: '6' },
    replaced: [{ version: '6', from: 'Production', links: LINKS }],
  },
];

export const ALIAS_CHANGES: AliasChangeNotice[] = [
  {
    kind: 'set',
    model: 'churn',
    alias: 'champion',
    version: '5',
    previousVersion: '4',
    actor: { kind: 'user', userId: 'U0ALICE', approvedBy: 'U0BOB' },
    at: AT,
    modelUri: 'models:/churn@champion',
    links: LINKS,
  },
  {
    kind: 'removed',
    model: 'churn',
    alias: 'challenger',
    version: '3',
    actor: { kind: 'user', userId: 'U0ALICE' },
    at: AT,
    modelUri: 'models:/churn@challenger',
    links: NO_TWINS,
  },
];

export const REGISTRY_EVENTS: RegistryEventNotice[] = [
  { kind: 'version_created', model: 'churn', version: '6', at: AT, links: LINKS },
  { kind: 'alias_set', model: 'churn', alias: 'champion', version: '6', previousVersion: '5', at: AT, links: LINKS },
  { kind: 'alias_removed', model: 'churn', alias: 'champion', version: '6', at: AT, links: LINKS },
  { kind: 'alias_removed', model: 'churn', alias: 'champion', at: AT },
];

const PENDING: ApprovalRequest = {
  id: 'req1',
  model: 'churn',
  version: '5',
  fromStage: 'Staging',
  toStage: 'Production',
  requester: 'U0ALICE',
  requestedAt: AT,
  expiresAt: AT + 86_400_000,
  originChannel: 'C0GENERAL',
  metrics: { accuracy: 0.93 },
  description: 'better recall',
  holders: ['4'],
  archiveExisting: true,
  links: LINKS,
  alias: 'champion',
  aliasHolder: '4',
  gates: GATES,
  message: { channel: 'C0APPROVALS', ts: '1.2' },
  approvers: ['U0BOB', 'S0MLOPS'],
  status: 'pending',
};

export const APPROVAL_REQUESTS: ApprovalRequest[] = [
  PENDING,
  { ...PENDING, gates: { ...GATES, passed: true }, holders: [], aliasHolder: undefined },
  { ...PENDING, status: 'approved', decidedBy: 'U0BOB', decidedAt: AT, gateOverride: { by: 'U0BOB', failed: ['@champion tag validation != failed (failed)'] } },
  { ...PENDING, status: 'rejected', decidedBy: 'U0BOB', decidedAt: AT, reason: 'recall dropped on segment B' },
  { ...PENDING, status: 'expired', alias: undefined },
  { ...PENDING, status: 'superseded', decidedBy: 'U0BOB', decidedAt: AT, reason: 'Version 5 of churn changed stage since the request' },
  { ...PENDING, status: 'superseded', decidedBy: 'U0BOB', decidedAt: AT, changes: [{ kind: 'version_stage', model: 'churn', version: '5', now: 'Staging' }] },
  { ...PENDING, toStage: 'Staging', status: 'expired' },
  // An archive of the Production holder and a protected alias move: the "Why an approval" section.
  { ...PENDING, fromStage: 'Production', toStage: 'Archived', why: [{ kind: 'leaves-stage', stage: 'Production' }] },
  {
    ...PENDING,
    why: [
      { kind: 'enters-stage', stage: 'Production' },
      { kind: 'moves-alias', alias: 'champion' },
    ],
  },
  // A rollback (issue 14): both holders, their metrics and since when each held the target.
  {
    ...PENDING,
    fromStage: 'Archived',
    rollback: {
      target: 'Production',
      current: { version: '6', metrics: { accuracy: 0.88 }, since: AT },
      previous: { version: '5', metrics: { accuracy: 0.93, f1: 0.9 }, since: AT - 86_400_000 },
    },
  },
  // Stored before requests named their approvers, and with APPROVERS empty (anyone but the requester).
  { ...PENDING, approvers: undefined },
  { ...PENDING, approvers: [] },
];

export const SYNC_REPORT: SyncReport = {
  startedAt: new Date(AT).toISOString(),
  durationMs: 1234,
  dryRun: false,
  scope: { model: 'churn' },
  created: 1,
  updated: 1,
  unchanged: 3,
  orphaned: 1,
  errors: 2,
  perModel: { churn: { created: 1, updated: 1, unchanged: 3, orphaned: 1, errors: 2 } },
  changes: [{ kind: 'created', model: 'churn', version: '5', detail: 'Notion page created (stage Production)' }],
  stageDrift: [{ model: 'churn', version: '4', from: 'Production', to: 'Archived', system: 'notion' }],
  failures: [
    { model: 'churn', version: '5', system: 'notion', reason: 'Notion rate limited' },
    { model: 'fraud', system: 'mlflow', reason: 'versions could not be listed' },
  ],
  orphans: [{ pageId: 'p1', url: 'https://www.notion.so/p1', model: 'old', version: '1', trashed: false }],
  lineageGaps: [{ model: 'churn', version: '5', reason: 'zenml_missing', hint: 'no ZenML pipeline run' }],
  notManaged: [{ pageId: 'p2', url: 'https://www.notion.so/p2', model: 'churn', version: '2' }],
  notionEditsOverwritten: [
    {
      pageId: 'p3',
      url: 'https://www.notion.so/p3',
      model: 'churn',
      version: '3',
      fields: ['stage', 'description'],
      editedBy: 'person-1',
      editedAt: new Date(AT).toISOString(),
    },
  ],
  deferred: [{ model: 'churn', version: '6', reason: 'a sync of churn is running: it picks up version 6 when it is done' }],
  notes: ['ZenML is not configured: lineage sync skipped'],
};

const DECISION: AuditEntry = {
  event: 'approved',
  model: 'churn',
  version: '5',
  by: 'U0BOB',
  at: AT,
  from: 'Staging',
  to: 'Production',
  reason: 'ok',
  alias: 'champion',
};

export const REGISTER_RESULTS: ModelResult<'register'>[] = [
  { version: VERSION, createdModel: true, links: LINKS, syncProblems: ['notion: rate limited'] },
  { refused: { code: 'run_missing', model: 'churn', runId: 'ffffffffffffffffffffffffffffffff' } },
];

export const PROMOTE_OUTCOMES: PromoteOutcome[] = [
  {
    kind: 'approved',
    result: {
      version: VERSION,
      from: 'Staging',
      links: LINKS,
      replaced: [{ version: '4', from: 'Production', links: NO_TWINS }],
      syncProblems: ['zenml: down'],
      stageChanged: true,
      aliasMove: {
        kind: 'set',
        alias: 'champion',
        modelUri: 'models:/churn@champion',
        version: VERSION,
        previousVersion: '4',
        links: LINKS,
        syncProblems: [],
      },
    },
  },
  { kind: 'pending', request: PENDING, existing: false },
  { kind: 'pending', request: { ...PENDING, message: undefined, gates: undefined }, existing: true },
  { kind: 'blocked', model: 'churn', version: '5', target: 'Production', report: GATES },
  { kind: 'refused', refusal: { code: 'model_missing', model: 'churn' } },
  { kind: 'refused', refusal: { code: 'nothing_to_do', model: 'churn', version: '5', alias: 'champion' } },
];

export const UNALIAS_OUTCOMES: ModelResult<'unalias'>[] = [
  {
    kind: 'removed',
    result: { kind: 'removed', alias: 'challenger', modelUri: 'models:/churn@challenger', version: VERSION, links: LINKS, syncProblems: ['notion: x'] },
  },
  { kind: 'refused', refusal: { code: 'alias_missing', model: 'churn', alias: 'x' } },
];

export const STATUS_RESULTS: ModelResult<'status'>[] = [
  {
    found: true,
    model: 'churn',
    modelUrl: 'https://mlflow.test/#/models/churn',
    versions: [{ version: VERSION, links: LINKS }],
    total: 12,
    aliases: [{ alias: 'champion', version: '5', modelUri: 'models:/churn@champion' }],
    decisions: [
      DECISION,
      { ...DECISION, by: 'external', event: 'transitioned' },
      { ...DECISION, event: 'superseded', reason: undefined, changes: [{ kind: 'alias_holder', alias: 'champion', then: '5', now: '7' }] },
    ],
  },
  { found: false, refusal: { code: 'model_missing', model: 'churn' } },
];

export const LIST_RESULTS: ModelResult<'list'>[] = [
  [{ name: 'churn', url: 'https://mlflow.test/#/models/churn', production: ['5'], staging: ['6'], latest: '6', versionCount: 6 }],
  [],
];

export const SYNC_RUNS: ModelResult<'sync'>[] = [
  { kind: 'ran', report: SYNC_REPORT, posted: 'none' },
  { kind: 'busy', cause: 'running' },
  { kind: 'busy', cause: 'tick_taken' },
];

export const PARSE_ERRORS: ParseError[] = [
  {
    error: 'Unknown sub-command `prmote`. Did you mean `/model promote`?',
    usage: '/model promote <name> <version> <staging|production|archived|none>',
    showHelp: true,
  },
  { error: 'The version must be a whole number such as 5, not `x`.', usage: '/model archive <name> <version>', showHelp: false },
  { error: 'Which model? Give the registered model name.', showHelp: false },
];
