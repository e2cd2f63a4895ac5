import { STAGES } from '../../../src/core/domain/stage';
import { fromZenmlStage, toZenmlStage } from '../../../src/adapters/zenml/zenml.stage';

describe('stage mapping', () => {
  it('maps every MLflow stage to its lower-case ZenML stage and back', () => {
    expect(STAGES.map(toZenmlStage)).toEqual(['none', 'staging', 'production', 'archived']);
    for (const stage of STAGES) expect(fromZenmlStage(toZenmlStage(stage))).toBe(stage);
  });

  it('reads a never-promoted version (null stage) as None and an unknown stage as undefined', () => {
    expect(fromZenmlStage(null)).toBe('None');
    expect(fromZenmlStage(undefined)).toBe('None');
    expect(fromZenmlStage('latest')).toBeUndefined();
  });
});
