import type { ModelVersion } from '../../../src/core/domain/model-version';
import type { Stage } from '../../../src/core/domain/stage';
import { AuthorizationPolicy, type AuthorizationSettings } from '../../../src/core/policy/change-policy';
import { reviewChange } from '../../../src/core/policy/planned-change';
import { StaticDirectory } from '../../support/fakes/static-directory';
import { said } from '../../support/said';
import { coreHarness } from '../support/core-harness';

const protections = { stages: ['Production'] as Stage[], aliases: ['champion'] };
const at = (stage: Stage): ModelVersion =>
  ({ name: 'churn', version: '2', stage, aliases: [], tags: {}, description: '', source: 's3://x', runId: '', createdAt: 0, lastUpdatedAt: 0 }) as never;

describe('reviewChange: protected stages both ways, protected aliases moved with an approver and never removed', () => {
  it.each([
    ['None', 'Production', [{ kind: 'enters-stage', stage: 'Production' }]],
    ['Production', 'Archived', [{ kind: 'leaves-stage', stage: 'Production' }]],
    ['Production', 'Staging', [{ kind: 'leaves-stage', stage: 'Production' }]],
    ['Production', 'None', [{ kind: 'leaves-stage', stage: 'Production' }]],
  ] as const)('%s → %s needs an approver', (from, to, reasons) => {
    expect(reviewChange({ kind: 'move', version: at(from), stage: to }, protections)).toEqual({ kind: 'approval', reasons });
  });

  it('lets unprotected moves happen at once, and names every reason when there are several', () => {
    expect(reviewChange({ kind: 'move', version: at('Staging'), stage: 'None' }, protections)).toEqual({ kind: 'allow' });
    expect(reviewChange({ kind: 'move', version: at('None'), stage: 'Archived' }, protections)).toEqual({ kind: 'allow' });
    expect(reviewChange({ kind: 'move', version: at('Production'), alias: 'shadow' }, protections)).toEqual({ kind: 'allow' });
    expect(
      reviewChange({ kind: 'move', version: at('Staging'), stage: 'Production', alias: 'champion' }, { ...protections, stages: ['Staging', 'Production'] }),
    ).toEqual({
      kind: 'approval',
      reasons: [
        { kind: 'leaves-stage', stage: 'Staging' },
        { kind: 'enters-stage', stage: 'Production' },
        { kind: 'moves-alias', alias: 'champion' },
      ],
    });
  });

  it('refuses removing a protected alias for everyone, saying what to do instead, and allows removing others', () => {
    const refused = reviewChange({ kind: 'remove-alias', model: 'churn', alias: 'champion', holder: '1' }, protections);
    expect(refused).toEqual({ kind: 'refuse', refusal: { code: 'protected_alias_removal', model: 'churn', alias: 'champion' } });
    expect(said(refused)).toBe(
      'Nothing was removed: @champion is protected (PROTECTED_ALIASES) and deployments load models:/churn@champion, so it can only be moved to another version with `/model alias churn <version> champion` (an approver decides), not removed.',
    );
    expect(reviewChange({ kind: 'remove-alias', model: 'churn', alias: 'shadow', holder: '1' }, protections)).toEqual({ kind: 'allow' });
  });
});

describe('who may run /model sync --cleanup-orphans', () => {
  const base: AuthorizationSettings = { protectedStages: ['Production'], protectedAliases: ['champion'], approvers: [], syncAdmins: [], promotionRules: [] };
  const directory = new StaticDirectory({ SMLOPS: ['UCAROL'], SNOTION: ['UNINA'] });
  const cleanup = { command: 'sync', changes: ['notion-pages', 'notion-trash'] } as const;
  const asUser = (userId: string) => ({ userId, channelId: 'CASKED' });

  it('lets approvers (listed or by group) and sync admins (listed or by group) run it, and refuses anyone else saying who may', async () => {
    const policy = new AuthorizationPolicy({ ...base, approvers: ['UBOB', 'SMLOPS'], syncAdmins: ['UERIN', 'SNOTION'] }, directory);
    for (const user of ['UBOB', 'UCAROL', 'UERIN', 'UNINA']) expect(await policy.mayRun(cleanup, asUser(user))).toEqual({ allowed: true });
    const refused = await policy.mayRun(cleanup, asUser('UDAVE'));
    expect(refused).toEqual({ allowed: false, refusal: { code: 'cleanup_not_allowed', principals: ['UBOB', 'SMLOPS', 'UERIN', 'SNOTION'] } });
    expect(said(refused)).toBe(
      'Nothing was trashed: `--cleanup-orphans` moves Notion pages to the trash, so only approvers and sync admins may run it: <@UBOB>, <!subteam^SMLOPS>, <@UERIN>, <!subteam^SNOTION>. `/model sync` without the option repairs everything else and trashes nothing.',
    );
    expect(await policy.mayRun({ command: 'sync', changes: ['notion-pages'] }, asUser('UDAVE'))).toEqual({ allowed: true });
  });

  it('uses SYNC_ADMINS alone when APPROVERS is empty (approving open to all never opens trashing)', async () => {
    const policy = new AuthorizationPolicy({ ...base, syncAdmins: ['UERIN'] }, directory);
    expect(await policy.mayRun(cleanup, asUser('UERIN'))).toEqual({ allowed: true });
    const refused = await policy.mayRun(cleanup, asUser('UBOB'));
    expect(refused).toMatchObject({ allowed: false, refusal: { code: 'cleanup_not_allowed', principals: ['UERIN'] } });
    expect(said(refused)).toContain('<@UERIN>');
  });

  it('lets nobody run it from Slack when neither list names anyone, and points to the CLI', async () => {
    const policy = new AuthorizationPolicy(base, directory);
    const refused = await policy.mayRun(cleanup, asUser('UBOB'));
    expect(refused).toMatchObject({ allowed: false, refusal: { code: 'cleanup_not_allowed', principals: [] } });
    expect(said(refused)).toContain('neither APPROVERS nor SYNC_ADMINS names anyone. An operator can run `npx modelsync sync --cleanup-orphans`.');
  });
});

describe('leaving a protected stage (core, real policy)', () => {
  const ctx = { userId: 'UREQUESTER', channelId: 'CASKED' };
  async function withProductionHolder() {
    const h = coreHarness();
    await h.registry.seedManaged('churn', 3);
    await h.registry.transitionStage('churn', '2', 'Production', false);
    await h.registry.transitionStage('churn', '3', 'Staging', false);
    h.registry.calls.length = 0;
    return h;
  }

  it.each([
    ['archive', { kind: 'archive', model: 'churn', version: '2' }, 'Archived'],
    ['demote to Staging', { kind: 'promote', model: 'churn', version: '2', stage: 'Staging' }, 'Staging'],
    ['set to None', { kind: 'promote', model: 'churn', version: '2', stage: 'None' }, 'None'],
  ] as const)('%s of the Production holder asks the approvers and changes nothing until one approves', async (_what, command, to) => {
    const h = await withProductionHolder();
    const result = await h.core.commands.execute(command, ctx);
    expect(result).toMatchObject({
      kind: command.kind,
      result: { kind: 'pending', request: { fromStage: 'Production', toStage: to, why: [{ kind: 'leaves-stage', stage: 'Production' }] } },
    });
    expect(h.registry.calls).not.toContain('transitionStage');
    if ((result.kind !== 'promote' && result.kind !== 'archive') || result.result.kind !== 'pending') throw new Error('expected pending');
    const approved = await h.core.approvals.approve(result.result.request.id, 'UAPPROVER');
    expect(approved.kind).toBe('approved');
    expect((await h.registry.getVersion('churn', '2'))?.stage).toBe(to);
  });

  it('moves an unprotected Staging version to None at once, asking MLflow to archive nothing', async () => {
    const h = await withProductionHolder();
    const calls: unknown[][] = [];
    const transition = h.registry.transitionStage.bind(h.registry);
    h.registry.transitionStage = async (...args) => {
      calls.push(args);
      return transition(...args);
    };
    const result = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '3', stage: 'None' }, ctx);
    expect(result).toMatchObject({ result: { kind: 'approved' } });
    expect(calls).toEqual([['churn', '3', 'None', false]]);
  });
});
