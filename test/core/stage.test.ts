import { parseStage } from '../../src/core/domain/stage';

describe('parseStage', () => {
  it('accepts stage names in any case and canonicalises them as MLflow does', () => {
    expect(parseStage('production')).toBe('Production');
    expect(parseStage(' STAGING ')).toBe('Staging');
    expect(parseStage('none')).toBe('None');
    expect(parseStage('Archived')).toBe('Archived');
  });

  it('returns undefined for names MLflow would refuse', () => {
    expect(parseStage('prod')).toBeUndefined();
    expect(parseStage('')).toBeUndefined();
  });
});
