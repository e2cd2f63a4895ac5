import { aliasSnapshotOf, fullSweepReason, versionsWithMovedAliases, type SyncState } from '../../../src/core/sync/sync-state';

const state = (over: Partial<SyncState> = {}): SyncState => ({
  watermark: 1_800_000_000_000,
  runsSinceFull: 0,
  lastHadErrors: false,
  aliases: {},
  versionTaggedModels: [],
  ...over,
});

describe('fullSweepReason', () => {
  it('sweeps everything without a recorded run, when asked, after errors, and every FULL_SYNC_EVERY runs', () => {
    expect(fullSweepReason(undefined, 24, false)).toMatch(/no earlier run/);
    expect(fullSweepReason(state(), 24, true)).toMatch(/asked/);
    expect(fullSweepReason(state({ lastHadErrors: true }), 24, false)).toMatch(/errors/);
    expect(fullSweepReason(state({ runsSinceFull: 22 }), 24, false)).toBeUndefined();
    expect(fullSweepReason(state({ runsSinceFull: 23 }), 24, false)).toMatch(/every 24 runs/);
    expect(fullSweepReason(state(), 1, false)).toMatch(/every 1 runs/);
  });
});

describe('versionsWithMovedAliases', () => {
  it('names the versions that gained, lost or handed over an alias, and nothing else', () => {
    expect(versionsWithMovedAliases({ champion: '3', canary: '4' }, { champion: '5', canary: '4' }).sort()).toEqual(['3', '5']);
    expect(versionsWithMovedAliases({}, { staging: '2' })).toEqual(['2']);
    expect(versionsWithMovedAliases({ staging: '2' }, {})).toEqual(['2']);
    expect(versionsWithMovedAliases({ a: '1' }, { a: '1' })).toEqual([]);
  });
});

describe('aliasSnapshotOf', () => {
  it('records each model, an absent alias list as none (MLflow leaves out an empty list)', () => {
    expect(
      aliasSnapshotOf([
        { name: 'm', description: '', tags: {}, aliases: { champion: '2' } },
        { name: 'n', description: '', tags: {} },
      ]),
    ).toEqual({
      m: { champion: '2' },
      n: {},
    });
  });
});
