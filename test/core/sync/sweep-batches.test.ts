import type { ModelVersion, RegisteredModel } from '../../../src/core/domain/model-version';
import { SweepBatches, SWEEP_BATCH_VERSIONS } from '../../../src/core/sync/sweep-batches';

const model = (name: string): RegisteredModel => ({ name, description: '', tags: {} });
const versions = (name: string, n: number): ModelVersion[] =>
  Array.from({ length: n }, (_, i) => ({
    name,
    version: String(i + 1),
    stage: 'None',
    description: '',
    source: '',
    runId: '',
    createdAt: 0,
    lastUpdatedAt: 0,
    userId: '',
    status: 'READY',
    tags: {},
  }));

describe('SweepBatches', () => {
  it('sizes the batches after the first by the versions per model read so far, in name order, at most the maximum', () => {
    const names = Array.from({ length: 300 }, (_, i) => `m${String(i).padStart(3, '0')}`);
    const batches = new SweepBatches([...names].reverse().map(model), 100);
    const first = batches.take()!;
    expect(first.tagged.map((m) => m.name)).toEqual(names.slice(0, 100));
    batches.read(
      first,
      first.tagged.flatMap((m) => versions(m.name, 50)),
    );
    // 50 versions a model: 20 models hold one MLflow page of 1,000.
    expect(batches.take()!.tagged.map((m) => m.name)).toEqual(names.slice(100, 100 + SWEEP_BATCH_VERSIONS / 50));
  });

  it('puts whole models of given versions into batches of about 1,000 versions, after the tagged models', () => {
    const batches = new SweepBatches([model('a')], 100);
    batches.addGiven([...versions('c', 600), ...versions('b', 600), ...versions('d', 10)]);
    expect(batches.take()!.tagged.map((m) => m.name)).toEqual(['a']);
    const second = batches.take()!;
    expect([second.tagged.length, new Set(second.given.map((v) => v.name))]).toEqual([0, new Set(['b'])]);
    expect(new Set(batches.take()!.given.map((v) => v.name))).toEqual(new Set(['c', 'd']));
    expect(batches.take()).toBeUndefined();
  });
});
