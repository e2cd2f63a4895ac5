/** Inputs of the view renderers (the `/model` modal, the Home tab) for the output-hygiene test. */
import type { VersionChoice } from '../../../src/core/commands/model-picker.query';
import type { HomeOverview } from '../../../src/core/home/home.query';
import type { ModelModalState } from '../../../src/slack/blocks/model-modal.blocks';
import type { HealthReport } from '../../../src/slack/http/health.route';
import { APPROVAL_REQUESTS, AT } from './renderer-fixtures';

const PENDING = APPROVAL_REQUESTS[0] as HomeOverview['waitingForYou'][number];

export const VERSION_CHOICES: VersionChoice[] = [
  {
    version: '5',
    stage: 'None',
    aliases: [],
    keyMetrics: [
      { name: 'accuracy', value: 0.9312 },
      { name: 'f1', value: 0.88 },
    ],
  },
  { version: '4', stage: 'Production', aliases: ['champion', 'stable'], keyMetrics: [] },
];

export const MODAL_STATES: ModelModalState[] = [
  {},
  { model: 'churn', versions: VERSION_CHOICES, action: 'stage:Production' },
  { model: 'churn', versions: [] },
  { model: 'churn', versionsProblem: 'MLflow is unreachable' },
];

export const HEALTH: HealthReport = {
  mlflow: { reachable: true, latencyMs: 12 },
  store: { reachable: true },
  notion: { reachable: false, detail: 'Notion answered 503' },
};

export const HOME_OVERVIEWS: HomeOverview[] = [
  {
    userId: 'U0BOB',
    waitingForYou: [PENDING, { ...PENDING, id: 'req-2', alias: undefined, gates: undefined }],
    waitingCount: 12,
    yourRequests: [{ ...PENDING, id: 'req-3', toStage: 'Staging', alias: undefined }],
    yourCount: 1,
    models: {
      ok: true,
      total: 25,
      models: [
        { name: 'churn', url: 'http://mlflow.local/#/models/churn', production: ['4'], staging: ['5', '3'], aliases: [{ alias: 'champion', version: '4' }] },
        { name: 'fraud v2', url: 'http://mlflow.local/#/models/fraud%20v2', production: [], staging: [], aliases: [] },
      ],
    },
    lastSync: {
      stats: { created: 1, updated: 2, unchanged: 40, orphaned: 0, errors: 1 },
      startedAt: new Date(AT).toISOString(),
      finishedAt: AT + 1000,
      durationMs: 1000,
      model: 'churn',
      scheduled: true,
      driftRepaired: 1,
      failures: 1,
    },
  },
  { userId: 'U0DAVE', waitingForYou: [], waitingCount: 0, yourRequests: [], yourCount: 0, models: { ok: false, reason: 'MLflow is unreachable' } },
  { userId: 'U0DAVE', waitingForYou: [], waitingCount: 0, yourRequests: [], yourCount: 0, models: { ok: true, total: 0, models: [] } },
];
