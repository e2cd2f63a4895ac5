/** Typed inputs of the subscription, diff and link-preview renderers (issue 15), one per branch worth rendering. */
import type { ModelResult } from '../../../src/core/commands/model-commands';
import type { ModelVersion } from '../../../src/core/domain/model-version';
import type { LinkPreview } from '../../../src/core/unfurls/link-preview.query';
import { AT, LINKS } from './renderer-fixtures';

const V5: ModelVersion = {
  name: 'churn',
  version: '5',
  stage: 'Production',
  description: 'gradient boosting',
  source: 's3://bucket/churn/5',
  runId: 'run5aaaaaaaa',
  createdAt: AT,
  lastUpdatedAt: AT,
  userId: 'mlflow-user',
  status: 'READY',
  tags: {},
  aliases: ['champion'],
};
const V4: ModelVersion = { ...V5, version: '4', stage: 'Archived', runId: 'run4bbbbbbbb', aliases: [] };

const SUB = { pattern: 'churn-*', kinds: ['stages', 'reports'] as const, by: 'U0ALICE', at: AT };

export const SUBSCRIBE_RESULTS: ModelResult<'subscribe'>[] = [
  { channel: 'C0GENERAL', kind: 'added', subscription: SUB, resumed: false },
  { channel: 'C0GENERAL', kind: 'widened', subscription: { ...SUB, kinds: ['stages', 'aliases', 'reports'] }, added: ['aliases'], resumed: true },
  { channel: 'C0GENERAL', kind: 'unchanged', subscription: { ...SUB, pattern: '*' }, resumed: false },
  { channel: 'C0GENERAL', kind: 'channel_full', limit: 20 },
  { channel: 'C0GENERAL', kind: 'too_many_channels', limit: 500 },
  { kind: 'invalid_pattern', pattern: 'x', max: 256 },
];

export const UNSUBSCRIBE_RESULTS: ModelResult<'unsubscribe'>[] = [
  { channel: 'C0GENERAL', kind: 'removed', pattern: 'churn' },
  { channel: 'C0GENERAL', kind: 'narrowed', subscription: SUB, removed: ['versions'] },
  { channel: 'C0GENERAL', kind: 'not_subscribed', pattern: 'fraud', kinds: ['stages'], patterns: ['churn-*'] },
  { channel: 'C0GENERAL', kind: 'not_subscribed', pattern: 'fraud', kinds: ['stages'], patterns: [] },
];

export const SUBSCRIPTIONS_RESULTS: ModelResult<'subscriptions'>[] = [
  { channel: 'C0GENERAL', subscriptions: [SUB, { ...SUB, pattern: 'fraud', kinds: ['versions'] }] },
  { channel: 'C0GENERAL', subscriptions: [SUB], suspended: { reason: 'not_in_channel', at: AT } },
  { channel: 'C0GENERAL', subscriptions: [] },
];

export const DIFF_RESULTS: ModelResult<'diff'>[] = [
  {
    found: true,
    model: 'churn',
    left: {
      version: V4,
      versionUrl: 'https://mlflow.test/#/models/churn/versions/4',
      runId: V4.runId,
      runUrl: 'https://mlflow.test/#/runs/run4',
      runMissing: false,
    },
    right: {
      version: V5,
      versionUrl: 'https://mlflow.test/#/models/churn/versions/5',
      runId: V5.runId,
      runUrl: 'https://mlflow.test/#/runs/run5',
      runMissing: false,
    },
    metrics: [
      { name: 'val_loss', left: 0.31, right: 0.27, delta: -0.04, direction: 'lower', verdict: 'better' },
      { name: 'accuracy', left: 0.91, right: 0.89, delta: -0.02, direction: 'higher', verdict: 'worse' },
      { name: 'throughput', left: 10, right: 12, delta: 2, direction: 'unknown', verdict: 'no-verdict' },
      { name: 'auc', left: 0.8, right: 0.8, delta: 0, direction: 'higher', verdict: 'same' },
      { name: 'f1', right: 0.7, direction: 'higher' },
    ],
    params: [
      { name: 'lr', left: '0.01', right: '0.001', changed: true },
      { name: 'depth', left: '6', right: '6', changed: false },
      { name: 'seed', right: '42', changed: true },
    ],
    metricsLeftOut: 3,
    paramsLeftOut: 2,
  },
  {
    found: true,
    model: 'churn',
    left: { version: { ...V4, runId: '' }, versionUrl: 'https://mlflow.test/#/models/churn/versions/4', runMissing: false },
    right: {
      version: V5,
      versionUrl: 'https://mlflow.test/#/models/churn/versions/5',
      runId: V5.runId,
      runUrl: 'https://mlflow.test/#/runs/run5',
      runMissing: true,
    },
    metrics: [],
    params: [],
    metricsLeftOut: 0,
    paramsLeftOut: 0,
  },
  { found: false, refusal: { code: 'version_missing', model: 'churn', version: '9', latest: '5' } },
];

export const LINK_PREVIEWS: LinkPreview[] = [
  {
    kind: 'version',
    url: LINKS.mlflow,
    version: V5,
    links: LINKS,
    metrics: [
      { name: 'accuracy', value: 0.912345678, direction: 'higher' },
      { name: 'val_loss', value: 0.27, direction: 'lower' },
    ],
  },
  { kind: 'version', url: LINKS.mlflow, version: { ...V4, aliases: undefined }, links: { mlflow: LINKS.mlflow, notion: null, zenml: null }, metrics: [] },
  {
    kind: 'model',
    url: 'https://mlflow.test/#/models/churn',
    model: 'churn',
    modelUrl: 'https://mlflow.test/#/models/churn',
    versionCount: 5,
    latest: V5,
    production: ['5'],
    staging: [],
    aliases: [{ alias: 'champion', version: '5' }],
  },
  {
    kind: 'model',
    url: 'https://mlflow.test/#/models/x',
    model: 'x',
    modelUrl: 'https://mlflow.test/#/models/x',
    versionCount: 0,
    production: [],
    staging: [],
    aliases: [],
  },
];
