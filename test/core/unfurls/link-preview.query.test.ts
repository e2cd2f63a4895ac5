import { MemoryLock } from '../../../src/adapters/store/memory.lock';
import { buildCore } from '../../../src/app/build-core';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { Reconciler } from '../../../src/core/sync/reconciler';
import { LinkPreviewQuery, MAX_PREVIEWS_PER_MESSAGE } from '../../../src/core/unfurls/link-preview.query';
import { InMemoryPages } from '../../support/fakes/in-memory-pages';
import { InMemoryRegistry } from '../../support/fakes/in-memory-registry';
import { InMemoryState } from '../../support/fakes/in-memory-state';
import { RecordingNotifier } from '../../support/fakes/recording-notifier';
import { StaticDirectory } from '../../support/fakes/static-directory';

const MANAGED = 'zenml.mlflow_notion_managed';

async function seeded(): Promise<InMemoryRegistry> {
  const registry = new InMemoryRegistry();
  await registry.seedManaged('churn', 3);
  await registry.transitionStage('churn', '2', 'Production', false);
  await registry.setAlias('churn', 'champion', '2');
  return registry;
}

describe('LinkPreviewQuery', () => {
  it('previews version and model pages, and skips other addresses and things that do not exist', async () => {
    const registry = await seeded();
    const previews = await new LinkPreviewQuery({ registry }).execute([
      registry.versionUrl('churn', '2'),
      registry.modelUrl('churn'),
      registry.versionUrl('churn', '9'),
      registry.modelUrl('nope'),
      'https://elsewhere.test/#/models/churn',
    ]);
    expect(previews).toEqual([
      expect.objectContaining({ kind: 'version', version: expect.objectContaining({ version: '2', stage: 'Production', aliases: ['champion'] }) }),
      expect.objectContaining({ kind: 'model', model: 'churn', versionCount: 3, production: ['2'], aliases: [{ alias: 'champion', version: '2' }] }),
    ]);
  });

  it(`reads at most ${MAX_PREVIEWS_PER_MESSAGE} distinct links of one message`, async () => {
    const registry = await seeded();
    const urls = [1, 2, 3, 1, 2, 3, 1]
      .map((v) => registry.versionUrl('churn', String(v)))
      .concat(Array.from({ length: 10 }, (_, i) => registry.modelUrl(`m${i}`)));
    registry.calls.length = 0;
    await new LinkPreviewQuery({ registry }).execute(urls);
    // 3 distinct versions + 2 missing models: one read each, the rest never asked.
    expect(registry.calls.filter((c) => c === 'getVersion' || c === 'getModel')).toHaveLength(MAX_PREVIEWS_PER_MESSAGE);
  });

  it('is built over the cached registry, as /model diff is: neither reads the fresh one', async () => {
    const fresh = new InMemoryRegistry();
    const cached = await seeded();
    const clock = { now: () => 1_750_000_000_000 };
    const state = new InMemoryState(clock);
    const core = buildCore(
      {
        registry: fresh,
        cachedRegistry: cached,
        sync: new Reconciler({ registry: fresh, pages: new InMemoryPages(), managedTag: MANAGED, logger: silentLogger, clock }),
        notifier: new RecordingNotifier(),
        directory: new StaticDirectory({}),
        state,
        lock: new MemoryLock(clock),
        clock,
        logger: silentLogger,
      },
      { managedTag: MANAGED, syncOnWrite: false, protectedStages: [], archiveExistingOnPromote: true, approvalTtlMs: 1000, approvers: [], reportQuiet: true },
    );
    expect(await core.linkPreviews.execute([cached.versionUrl('churn', '2')])).toHaveLength(1);
    const diff = await core.commands.execute({ kind: 'diff', model: 'churn', left: '1', right: '2' }, { userId: 'U1', channelId: 'C1' });
    expect(diff).toMatchObject({ kind: 'diff', result: { found: true } });
    expect(fresh.calls).toEqual([]);
  });
});
