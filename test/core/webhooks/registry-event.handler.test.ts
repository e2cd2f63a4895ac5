import { TAG_NOTION_PAGE_URL } from '../../../src/core/domain/model-version';
import { AliasHolders } from '../../../src/core/webhooks/alias-holders';
import { MANAGED, webhookHarness } from './webhook-harness';

describe('RegistryEventHandler', () => {
  it('syncs a new managed version, announces it with its fresh Notion link, and touches no other version', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 2);
    const outcome = await w.handler.handle({ type: 'model_version.created', model: 'fraud', version: '2', tags: {} });
    expect(w.syncs).toEqual(['fraud@2']);
    expect(w.reconciles).toEqual([]);
    expect(outcome.synced[0]?.report.created).toBe(1);
    const page = [...w.pages.pages.values()].find((p) => p.fields.version === '2');
    expect(w.notifier.notices).toEqual([
      {
        kind: 'version_created',
        model: 'fraud',
        version: '2',
        at: w.clock.t,
        links: { mlflow: w.registry.versionUrl('fraud', '2'), notion: page?.url, zenml: null },
      },
    ]);
  });

  it('ends the loop: the echo of its own notion_page_url write syncs once, writes nothing and posts nothing', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 1);
    await w.handler.handle({ type: 'model_version.created', model: 'fraud', version: '1', tags: {} });
    const url = (await w.registry.getVersion('fraud', '1'))?.tags[TAG_NOTION_PAGE_URL] as string;
    expect(url).toBeTruthy();
    const writesBefore = w.registry.writes().length;
    const pageCallsBefore = w.pages.calls.filter((c) => c !== 'listPagesOfModel').length;

    const echo = await w.handler.handle({ type: 'model_version_tag.set', model: 'fraud', version: '1', key: TAG_NOTION_PAGE_URL, value: url });
    expect(echo.synced.map((s) => s.report.unchanged)).toEqual([1]);
    expect(w.registry.writes()).toHaveLength(writesBefore);
    expect(w.pages.calls.filter((c) => c !== 'listPagesOfModel')).toHaveLength(pageCallsBefore);
    expect(w.syncs).toEqual(['fraud@1', 'fraud@1']);
    expect(w.notifier.notices).toHaveLength(1);
  });

  it('skips versions of unmanaged models and versions deleted since the event, without syncing or posting', async () => {
    const w = webhookHarness();
    await w.registry.createModel('plain');
    await w.registry.createVersion({ name: 'plain', source: 's3://x' });
    expect(await w.handler.handle({ type: 'model_version.created', model: 'plain', version: '1', tags: {} })).toMatchObject({
      skipped: 'plain v1 is not managed',
    });
    expect(await w.handler.handle({ type: 'model_version_tag.deleted', model: 'plain', version: '9', key: 'k' })).toMatchObject({
      skipped: 'plain v9 no longer exists in MLflow',
    });
    expect(w.syncs).toEqual([]);
    expect(w.notifier.notices).toEqual([]);
  });

  it('syncs a version that just became managed by a tag on the version itself', async () => {
    const w = webhookHarness();
    await w.registry.createModel('plain');
    await w.registry.createVersion({ name: 'plain', source: 's3://x' });
    await w.registry.setVersionTag('plain', '1', MANAGED, 'true');
    const outcome = await w.handler.handle({ type: 'model_version_tag.set', model: 'plain', version: '1', key: MANAGED, value: 'true' });
    expect(outcome.synced[0]?.report.created).toBe(1);
  });

  it('refreshes the old holder when an alias moves and says where it moved from', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 2);
    await w.registry.setAlias('fraud', 'champion', '1');
    await w.handler.handle({ type: 'model_version_alias.created', model: 'fraud', alias: 'champion', version: '1' });
    await w.registry.setAlias('fraud', 'champion', '2');
    const moved = await w.handler.handle({ type: 'model_version_alias.created', model: 'fraud', alias: 'champion', version: '2' });
    expect(moved.synced.map((s) => s.version)).toEqual(['2', '1']);
    const aliasesOf = (v: string) => [...w.pages.pages.values()].find((p) => p.fields.version === v && !p.trashed)?.fields.aliases;
    expect(aliasesOf('1')).toEqual([]);
    expect(aliasesOf('2')).toEqual(['champion']);
    expect(w.notifier.notices.map((n) => n.kind === 'alias_set' && [n.version, n.previousVersion])).toEqual([
      ['1', undefined],
      ['2', '1'],
    ]);
  });

  it('does not announce an alias set again on the version that already holds it', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 1);
    await w.registry.setAlias('fraud', 'champion', '1');
    await w.handler.handle({ type: 'model_version_alias.created', model: 'fraud', alias: 'champion', version: '1' });
    await w.handler.handle({ type: 'model_version_alias.created', model: 'fraud', alias: 'champion', version: '1' });
    expect(w.notifier.notices).toHaveLength(1);
  });

  it('syncs the remembered holder of a deleted alias, or reconciles just that model when the holder is unknown', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 2);
    await w.registry.setAlias('fraud', 'champion', '2');
    await w.handler.handle({ type: 'model_version_alias.created', model: 'fraud', alias: 'champion', version: '2' });
    await w.registry.deleteAlias('fraud', 'champion');
    const known = await w.handler.handle({ type: 'model_version_alias.deleted', model: 'fraud', alias: 'champion' });
    expect(known.synced.map((s) => s.version)).toEqual(['2']);
    expect(w.notifier.notices.at(-1)).toMatchObject({ kind: 'alias_removed', alias: 'champion', version: '2' });

    const unknown = await w.handler.handle({ type: 'model_version_alias.deleted', model: 'fraud', alias: 'staging' });
    expect(unknown.reconciledModel?.model).toBe('fraud');
    expect(w.reconciles).toEqual(['fraud']);
    expect(w.notifier.notices.at(-1)).toMatchObject({ kind: 'alias_removed', alias: 'staging' });
  });

  it('reconciles a new managed model on its own and leaves unmanaged new models alone', async () => {
    const w = webhookHarness();
    await w.registry.createModel('fresh', { [MANAGED]: 'true' });
    expect((await w.handler.handle({ type: 'registered_model.created', model: 'fresh', tags: { [MANAGED]: 'true' } })).reconciledModel?.model).toBe('fresh');
    expect(await w.handler.handle({ type: 'registered_model.created', model: 'other', tags: {} })).toMatchObject({ skipped: 'other is not managed' });
    expect(w.reconciles).toEqual(['fresh']);
  });

  it('keeps the sync when Slack fails: the notice is dropped and logged, not thrown', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 1);
    w.notifier.failing = new Error('slack down');
    const outcome = await w.handler.handle({ type: 'model_version.created', model: 'fraud', version: '1', tags: {} });
    expect(outcome.synced[0]?.report.created).toBe(1);
    expect(outcome.notices).toEqual([]);
  });

  it('syncs but does not announce the echo of an alias change the app made and announced itself', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 2);
    const holders = new AliasHolders(w.state);
    // As AliasMove does: tell the holders first, then change MLflow.
    await holders.remember('fraud', 'champion', '2');
    await w.registry.setAlias('fraud', 'champion', '2');
    const setEcho = await w.handler.handle({ type: 'model_version_alias.created', model: 'fraud', alias: 'champion', version: '2' });
    expect(setEcho.synced.map((s) => s.version)).toEqual(['2']);

    await holders.markAppRemoval('fraud', 'champion');
    await w.registry.deleteAlias('fraud', 'champion');
    const removeEcho = await w.handler.handle({ type: 'model_version_alias.deleted', model: 'fraud', alias: 'champion' });
    expect(removeEcho.synced.map((s) => s.version)).toEqual(['2']);
    expect(w.notifier.notices).toEqual([]);

    // A removal made elsewhere afterwards is announced again.
    await w.registry.setAlias('fraud', 'champion', '1');
    await w.handler.handle({ type: 'model_version_alias.created', model: 'fraud', alias: 'champion', version: '1' });
    await w.registry.deleteAlias('fraud', 'champion');
    await w.handler.handle({ type: 'model_version_alias.deleted', model: 'fraud', alias: 'champion' });
    expect(w.notifier.notices.map((n) => n.kind)).toEqual(['alias_set', 'alias_removed']);
  });
});
