import { AUDIT_TAG_PREFIX } from '../../../src/core/approvals/audit-log';
import { said } from '../../support/said';
import type { CoreSettings } from '../../../src/app/build-core';
import { coreHarness } from '../support/core-harness';

const ctx = { userId: 'UREQUESTER', channelId: 'CASKED' };

async function seeded(overrides: Partial<CoreSettings> = {}) {
  const h = coreHarness(overrides);
  await h.registry.seedManaged('churn', 3);
  await h.sync.reconcile({});
  return h;
}

/** The version's history events, oldest first (the store's history; no JSON audit tag is written any more). */
const auditEvents = async (h: ReturnType<typeof coreHarness>, version: string) => {
  expect(Object.keys(h.registry.versions.get('churn')!.find((v) => v.version === version)!.tags).filter((k) => k.startsWith(AUDIT_TAG_PREFIX))).toEqual([]);
  return (await h.core.history.all('churn'))
    .filter((e) => e.version === version)
    .reverse()
    .map((e) => e.event);
};
const pageAliases = (h: ReturnType<typeof coreHarness>, version: string) =>
  [...h.pages.pages.values()].find((p) => p.fields.modelName === 'churn' && p.fields.version === version)?.fields.aliases;

describe('/model alias and /model unalias (core)', () => {
  it('sets an unprotected alias at once: MLflow, audit, Notion aliases of both holders, and a notice with models:/name@alias', async () => {
    const h = await seeded();
    await h.registry.setAlias('churn', 'challenger', '1');
    await h.sync.reconcile({});
    expect(pageAliases(h, '1')).toEqual(['challenger']);

    const result = await h.core.commands.execute({ kind: 'alias', model: 'churn', version: '2', alias: 'challenger' }, ctx);
    expect(result).toMatchObject({
      kind: 'alias',
      result: {
        kind: 'approved',
        result: { stageChanged: false, aliasMove: { kind: 'set', alias: 'challenger', previousVersion: '1', modelUri: 'models:/churn@challenger' } },
      },
    });
    expect((await h.registry.getVersionByAlias('churn', 'challenger'))?.version).toBe('2');
    expect(pageAliases(h, '2')).toEqual(['challenger']);
    expect(pageAliases(h, '1')).toEqual([]);
    expect(await auditEvents(h, '2')).toContain('alias_set');
    expect(h.notifier.aliasChanges).toEqual([
      expect.objectContaining({
        kind: 'set',
        model: 'churn',
        alias: 'challenger',
        version: '2',
        previousVersion: '1',
        modelUri: 'models:/churn@challenger',
        actor: { kind: 'user', userId: 'UREQUESTER' },
      }),
    ]);
    expect(h.notifier.stageChanges).toEqual([]);
  });

  it('asks for approval before a protected alias moves, and moves it when an approver approves', async () => {
    const h = await seeded();
    await h.registry.setAlias('churn', 'champion', '1');
    const asked = await h.core.commands.execute({ kind: 'alias', model: 'churn', version: '3', alias: '@champion' }, ctx);
    if (asked.kind !== 'alias' || asked.result.kind !== 'pending') throw new Error(JSON.stringify(asked));
    expect(asked.result.request).toMatchObject({ alias: 'champion', aliasHolder: '1', fromStage: 'None', toStage: 'None', holders: [] });
    expect((await h.registry.getVersionByAlias('churn', 'champion'))?.version).toBe('1');

    const again = await h.core.commands.execute({ kind: 'alias', model: 'churn', version: '3', alias: 'champion' }, ctx);
    expect(again).toMatchObject({ result: { kind: 'pending', existing: true } });

    const decided = await h.core.approvals.approve(asked.result.request.id, 'UAPPROVER');
    expect(decided.kind).toBe('approved');
    expect((await h.registry.getVersionByAlias('churn', 'champion'))?.version).toBe('3');
    expect((await h.registry.getVersion('churn', '3'))?.stage).toBe('None');
    expect(h.registry.calls).not.toContain('transitionStage');
    expect(pageAliases(h, '3')).toEqual(['champion']);
    expect(await auditEvents(h, '3')).toEqual(expect.arrayContaining(['requested', 'alias_set', 'approved']));
    expect(h.notifier.aliasChanges[0]).toMatchObject({ actor: { userId: 'UREQUESTER', approvedBy: 'UAPPROVER' }, previousVersion: '1' });
  });

  it('removes an unprotected alias, refuses to remove a protected one, and names a missing one', async () => {
    const h = await seeded();
    await h.registry.setAlias('churn', 'challenger', '2');
    await h.registry.setAlias('churn', 'champion', '1');
    const removed = await h.core.commands.execute({ kind: 'unalias', model: 'churn', alias: 'challenger' }, ctx);
    expect(removed).toMatchObject({
      kind: 'unalias',
      result: { kind: 'removed', result: { version: { version: '2' }, modelUri: 'models:/churn@challenger' } },
    });
    expect(await h.registry.getVersionByAlias('churn', 'challenger')).toBeUndefined();
    expect(await auditEvents(h, '2')).toContain('alias_removed');
    expect(h.notifier.aliasChanges).toEqual([expect.objectContaining({ kind: 'removed', alias: 'challenger', version: '2' })]);

    const prot = await h.core.commands.execute({ kind: 'unalias', model: 'churn', alias: 'champion' }, ctx);
    expect(prot).toMatchObject({ result: { kind: 'refused', refusal: { code: 'protected_alias_removal', model: 'churn', alias: 'champion' } } });
    expect(said(prot)).toContain('@champion is protected (PROTECTED_ALIASES)');
    expect((await h.registry.getVersionByAlias('churn', 'champion'))?.version).toBe('1');

    const missing = await h.core.commands.execute({ kind: 'unalias', model: 'churn', alias: 'challenger' }, ctx);
    expect(missing).toMatchObject({ result: { kind: 'refused', refusal: { code: 'alias_missing', model: 'churn', alias: 'challenger' } } });
    expect(said(missing)).toBe('Model churn has no alias @challenger; `/model status churn` shows its aliases.');
  });

  it('refuses an alias the version already holds and an unknown version', async () => {
    const h = await seeded();
    await h.registry.setAlias('churn', 'challenger', '2');
    const held = await h.core.commands.execute({ kind: 'alias', model: 'churn', version: '2', alias: 'challenger' }, ctx);
    expect(held).toMatchObject({ result: { kind: 'refused', refusal: { code: 'alias_already_there', model: 'churn', version: '2', alias: 'challenger' } } });
    expect(said(held)).toBe('@challenger already points to version 2 of churn; nothing to do.');
    const unknown = await h.core.commands.execute({ kind: 'alias', model: 'churn', version: '9', alias: 'challenger' }, ctx);
    expect(unknown).toMatchObject({ result: { kind: 'refused', refusal: { code: 'version_missing', model: 'churn', version: '9', latest: '3' } } });
    expect(said(unknown)).toBe('model churn has no version 9 (latest is 3)');
  });

  it('lists every alias of the model in /model status with its models:/ URI', async () => {
    const h = await seeded();
    await h.registry.setAlias('churn', 'champion', '1');
    await h.registry.setAlias('churn', 'challenger', '3');
    const status = await h.core.commands.execute({ kind: 'status', model: 'churn' }, ctx);
    expect(status).toMatchObject({
      result: {
        aliases: [
          { alias: 'challenger', version: '3', modelUri: 'models:/churn@challenger' },
          { alias: 'champion', version: '1', modelUri: 'models:/churn@champion' },
        ],
      },
    });
  });
});

describe('PROMOTION_VOCABULARY', () => {
  it('aliases: promote to production moves @champion (protected) and leaves the stage alone', async () => {
    const h = await seeded({ vocabulary: 'aliases' });
    const asked = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '2', stage: 'Production' }, ctx);
    if (asked.kind !== 'promote' || asked.result.kind !== 'pending') throw new Error(JSON.stringify(asked));
    expect(asked.result.request).toMatchObject({ alias: 'champion', toStage: 'None' });
    await h.core.approvals.approve(asked.result.request.id, 'UAPPROVER');
    expect(await h.registry.getVersion('churn', '2')).toMatchObject({ stage: 'None', aliases: ['champion'] });

    const staging = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '3', stage: 'Staging' }, ctx);
    expect(staging).toMatchObject({ result: { kind: 'approved', result: { aliasMove: { alias: 'challenger' } } } });
    expect(await h.registry.getVersion('churn', '3')).toMatchObject({ stage: 'None', aliases: ['challenger'] });
  });

  it('aliases: refuses a stage with no mapped alias, naming STAGE_ALIASES', async () => {
    const h = await seeded({ vocabulary: 'aliases', stageAliases: { Production: 'champion' } });
    const refused = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '2', stage: 'Staging' }, ctx);
    expect(refused).toMatchObject({ result: { kind: 'refused', refusal: { code: 'no_alias_for_stage', stage: 'Staging' } } });
    expect(said(refused)).toContain('no alias is mapped to Staging in STAGE_ALIASES');
  });

  it('both: one approval moves the stage to Production and @champion, archiving the old holder', async () => {
    const h = await seeded({ vocabulary: 'both' });
    await h.registry.transitionStage('churn', '1', 'Production', false);
    await h.registry.setAlias('churn', 'champion', '1');
    const asked = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '3', stage: 'Production' }, ctx);
    if (asked.kind !== 'promote' || asked.result.kind !== 'pending') throw new Error(JSON.stringify(asked));
    expect(asked.result.request).toMatchObject({ fromStage: 'None', toStage: 'Production', alias: 'champion', aliasHolder: '1', holders: ['1'] });
    const decided = await h.core.approvals.approve(asked.result.request.id, 'UAPPROVER');
    expect(decided).toMatchObject({ kind: 'approved', result: { stageChanged: true, aliasMove: { previousVersion: '1' } } });
    expect(await h.registry.getVersion('churn', '3')).toMatchObject({ stage: 'Production', aliases: ['champion'] });
    expect(await h.registry.getVersion('churn', '1')).toMatchObject({ stage: 'Archived', aliases: [] });
    expect(pageAliases(h, '3')).toEqual(['champion']);
    expect(h.notifier.stageChanges.map((n) => `${n.version}:${n.to}`)).toEqual(['3:Production']);
    expect(h.notifier.stageChanges[0]?.replaced?.map((r) => `${r.version}:${r.from}`)).toEqual(['1:Production']);
    // One notice for the change and its consequences: the alias move is folded into the stage notice (issue 15).
    expect(h.notifier.stageChanges[0]?.alias).toEqual({ alias: 'champion', modelUri: 'models:/churn@champion', previousVersion: '1' });
    expect(h.notifier.aliasChanges).toEqual([]);
  });

  it('both: a version already in Production that lacks the alias only gets the alias; one that has both is refused', async () => {
    const h = await seeded({ vocabulary: 'both', protectedStages: [], protectedAliases: [] });
    await h.registry.transitionStage('churn', '2', 'Production', false);
    const moved = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '2', stage: 'Production' }, ctx);
    expect(moved).toMatchObject({ result: { kind: 'approved', result: { stageChanged: false, aliasMove: { alias: 'champion' } } } });
    const nothing = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '2', stage: 'Production' }, ctx);
    expect(nothing).toMatchObject({ result: { kind: 'refused', refusal: { code: 'nothing_to_do', stage: 'Production', alias: 'champion' } } });
    expect(said(nothing)).toBe('Version 2 of churn is already in Production and already holds @champion; nothing to do.');
  });
});
