import { metricDirection, metricVerdict } from '../../src/core/domain/metric-direction';

describe('metric direction', () => {
  it.each([
    ['val_loss', 'lower'],
    ['test/rmse', 'lower'],
    ['MAE', 'lower'],
    ['eval.error_rate', 'lower'],
    ['accuracy', 'higher'],
    ['roc_auc', 'higher'],
    ['f1-score', 'higher'],
    ['precision', 'higher'],
    ['recall_at_10', 'higher'],
    ['accuracy_error', 'lower'],
    ['throughput', 'unknown'],
    ['epochs', 'unknown'],
    ['lossless_ratio', 'unknown'],
  ])('%s: %s is better', (name, direction) => {
    expect(metricDirection(name)).toBe(direction);
  });

  it('judges a move by the direction, and gives no verdict when the direction is unknown', () => {
    expect(metricVerdict('lower', 0.3, 0.2)).toBe('better');
    expect(metricVerdict('lower', 0.2, 0.3)).toBe('worse');
    expect(metricVerdict('higher', 0.8, 0.9)).toBe('better');
    expect(metricVerdict('higher', 0.9, 0.8)).toBe('worse');
    expect(metricVerdict('unknown', 1, 2)).toBe('no-verdict');
    expect(metricVerdict('higher', 0.5, 0.5)).toBe('same');
  });
});
