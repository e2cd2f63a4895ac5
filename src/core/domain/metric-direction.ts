/** Which way a metric improves: lower (a loss or an error), higher (a score), or unknown (no verdict is given). */
export type MetricDirection = 'lower' | 'higher' | 'unknown';

/**
 * Name words of metrics that improve downwards: losses, errors and distances (mse, rmse, mae, mape, log loss,
 * perplexity, word/character error rates, false-positive rates). Matched on whole words of the name.
 */
const LOWER_IS_BETTER = new Set([
  'loss',
  'error',
  'err',
  'mse',
  'rmse',
  'mae',
  'mape',
  'smape',
  'logloss',
  'perplexity',
  'wer',
  'cer',
  'fpr',
  'fnr',
  'latency',
  'brier',
]);
/** Name words of metrics that improve upwards: accuracy and ranking scores. */
const HIGHER_IS_BETTER = new Set([
  'accuracy',
  'acc',
  'auc',
  'roc',
  'f1',
  'f1score',
  'precision',
  'recall',
  'r2',
  'map',
  'ndcg',
  'bleu',
  'rouge',
  'iou',
  'tpr',
  'score',
  'sensitivity',
  'specificity',
]);

/**
 * The direction of a metric from its name (`val_loss`, `test/rmse`, `roc_auc`, `f1-score`, `eval.accuracy`): the
 * last word that says something decides, so `accuracy_error` reads as an error. Unknown names get no verdict.
 */
export function metricDirection(name: string): MetricDirection {
  const words = name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (let i = words.length - 1; i >= 0; i -= 1) {
    const w = words[i] as string;
    if (LOWER_IS_BETTER.has(w)) return 'lower';
    if (HIGHER_IS_BETTER.has(w)) return 'higher';
  }
  return 'unknown';
}

/** What moving from `before` to `after` means for a metric of that direction. */
export type MetricVerdict = 'better' | 'worse' | 'same' | 'no-verdict';

export function metricVerdict(direction: MetricDirection, before: number, after: number): MetricVerdict {
  if (before === after) return 'same';
  if (direction === 'unknown' || Number.isNaN(before) || Number.isNaN(after)) return 'no-verdict';
  return after < before === (direction === 'lower') ? 'better' : 'worse';
}
