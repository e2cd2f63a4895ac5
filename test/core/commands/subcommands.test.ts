/**
 * Every declared `/model` sub-command against policies that refuse: a command that changes state asks the policy
 * first and changes nothing when refused; a command declared read-only changes nothing at all. Adding a ModelCommand
 * kind without a sample here fails to compile (SAMPLES is keyed by every kind) and fails the first test.
 */
import type { ApprovalRequest } from '../../../src/core/approvals/approval';
import type { DecisionRight } from '../../../src/core/approvals/approver-policy';
import type { CommandContext, ModelCommand } from '../../../src/core/commands/command';
import type { CommandResult } from '../../../src/core/commands/model-commands';
import { modelOf } from '../../../src/core/commands/subcommand';
import { changesOf, MODEL_SUBCOMMANDS, SUBCOMMAND_NAMES } from '../../../src/core/commands/subcommands';
import type { PolicyRefusal } from '../../../src/core/outcomes/refusal';
import type { ChangePolicy } from '../../../src/core/policy/change-policy';
import type { PlannedChange, PlannedRun, Review } from '../../../src/core/policy/planned-change';
import { MODEL_SLASH_SUBCOMMANDS } from '../../../src/slack/commands/model-subcommands';
import { coreHarness } from '../support/core-harness';

type Samples = { readonly [K in ModelCommand['kind']]: readonly Extract<ModelCommand, { kind: K }>[] };

/** Invocations of every sub-command, covering each option that changes what it touches. */
const SAMPLES: Samples = {
  register: [{ kind: 'register', model: 'churn', source: 's3://models/churn/4', description: 'new' }],
  promote: [
    { kind: 'promote', model: 'churn', version: '3', stage: 'Production' },
    { kind: 'promote', model: 'churn', version: '3', stage: 'Staging' },
    { kind: 'promote', model: 'churn', version: '1', stage: 'Staging' },
    { kind: 'promote', model: 'churn', version: '1', stage: 'None' },
    { kind: 'promote', model: 'churn', version: '2', stage: 'Archived' },
  ],
  archive: [
    { kind: 'archive', model: 'churn', version: '1' },
    { kind: 'archive', model: 'churn', version: '3' },
  ],
  alias: [
    { kind: 'alias', model: 'churn', version: '3', alias: 'champion' },
    { kind: 'alias', model: 'churn', version: '3', alias: 'shadow' },
  ],
  unalias: [
    { kind: 'unalias', model: 'churn', alias: 'champion' },
    { kind: 'unalias', model: 'churn', alias: 'challenger' },
  ],
  status: [{ kind: 'status', model: 'churn' }],
  rollback: [
    { kind: 'rollback', model: 'churn', target: { kind: 'stage', stage: 'Production' } },
    { kind: 'rollback', model: 'churn', target: { kind: 'stage', stage: 'Staging' } },
    { kind: 'rollback', model: 'churn', target: { kind: 'alias', alias: 'champion' } },
  ],
  history: [
    { kind: 'history', model: 'churn' },
    { kind: 'history', model: 'churn', target: { kind: 'alias', alias: 'champion' } },
  ],
  list: [{ kind: 'list' }],
  sync: [
    { kind: 'sync', cleanupOrphans: false },
    { kind: 'sync', model: 'churn', cleanupOrphans: true },
  ],
  help: [{ kind: 'help' }],
  subscribe: [{ kind: 'subscribe', pattern: 'churn*', kinds: ['stages', 'reports'] }],
  unsubscribe: [{ kind: 'unsubscribe', pattern: 'churn*', kinds: ['stages'] }],
  subscriptions: [{ kind: 'subscriptions' }],
  diff: [{ kind: 'diff', model: 'churn', left: '1', right: '2' }],
};
const ALL_SAMPLES: ModelCommand[] = Object.values(SAMPLES).flat();

/** A policy that records every question and answers as told. */
class ScriptedPolicy implements ChangePolicy {
  readonly asked: PlannedRun[] = [];
  readonly reviewed: PlannedChange[] = [];
  constructor(
    private readonly run: DecisionRight,
    private readonly verdict: Review,
  ) {}
  async mayRun(run: PlannedRun): Promise<DecisionRight> {
    this.asked.push(run);
    return this.run;
  }
  review(change: PlannedChange): Review {
    this.reviewed.push(change);
    return this.verdict;
  }
  async mayApprove(_userId: string, _request: ApprovalRequest): Promise<DecisionRight> {
    return { allowed: false, refusal: { code: 'not_an_approver' } };
  }
  async mayReject(): Promise<DecisionRight> {
    return { allowed: false, refusal: { code: 'may_not_reject' } };
  }
  async mayRevert(): Promise<DecisionRight> {
    return { allowed: false, refusal: { code: 'may_not_revert' } };
  }
}

const ctx: CommandContext = { userId: 'UREQUESTER', channelId: 'CASKED' };
const REFUSAL: PolicyRefusal = { code: 'not_allowed_to_request', model: 'churn', principals: ['UNOBODY'] };

/** churn v1 Production @champion, v2 Staging @challenger, v3 None; pages synced; one orphan page (v4 deleted). */
async function seeded(policy: ChangePolicy) {
  const h = coreHarness({}, {}, { policy });
  await h.registry.seedManaged('churn', 4);
  await h.registry.transitionStage('churn', '1', 'Production', false);
  await h.registry.transitionStage('churn', '2', 'Staging', false);
  await h.registry.setAlias('churn', 'champion', '1');
  await h.registry.setAlias('churn', 'challenger', '2');
  await h.sync.reconcile({});
  // What the history recorded (issue 14), so a rollback has a previous holder to put back: v3 held every target before.
  const took = [
    { from: 'None', to: 'Production', version: '3' },
    { from: 'Production', to: 'None', version: '3' },
    { from: 'None', to: 'Production', version: '1' },
    { from: 'None', to: 'Staging', version: '3' },
    { from: 'Staging', to: 'None', version: '3' },
    { from: 'None', to: 'Staging', version: '2' },
  ] as const;
  for (const t of took) await h.core.history.record({ event: 'transitioned', model: 'churn', by: 'UREQUESTER', ...t });
  await h.core.history.record({ event: 'alias_set', model: 'churn', version: '3', by: 'UREQUESTER', alias: 'champion' });
  await h.core.history.record({ event: 'alias_set', model: 'churn', version: '1', by: 'UREQUESTER', alias: 'champion', previousVersion: '3' });
  await h.registry.deleteVersion('churn', '4');
  h.registry.calls.length = 0;
  h.pages.calls.length = 0;
  return h;
}

function refusalOf(result: CommandResult): unknown {
  if (result.kind === 'refused') return result.refusal;
  const own = result.result as { kind?: string; refusal?: unknown } | undefined;
  return own?.kind === 'refused' ? own.refusal : undefined;
}

const label = (c: ModelCommand) => JSON.stringify(c);

describe('the declared /model sub-commands', () => {
  it('has a sample for every declared sub-command, and Slack offers exactly the declared ones', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...SUBCOMMAND_NAMES].sort());
    expect(Object.keys(MODEL_SLASH_SUBCOMMANDS)).toEqual([...SUBCOMMAND_NAMES]);
    for (const c of ALL_SAMPLES) expect(MODEL_SUBCOMMANDS[c.kind].mayChange).toEqual(expect.arrayContaining([...changesOf(c)]));
  });

  it.each(ALL_SAMPLES.map((c) => [label(c), c] as const))(
    'with a policy that refuses everyone, %s changes nothing in MLflow or Notion',
    async (_name, command) => {
      const policy = new ScriptedPolicy(
        { allowed: false, refusal: REFUSAL },
        { kind: 'refuse', refusal: { code: 'protected_alias_removal', model: 'churn', alias: 'x' } },
      );
      const h = await seeded(policy);
      const result = await h.core.commands.execute(command, ctx);
      expect(h.registry.writes()).toEqual([]);
      expect(h.pages.writes()).toEqual([]);
      expect(h.notifier.requests).toEqual([]);
      if (changesOf(command).length > 0) {
        expect(policy.asked).toEqual([{ command: command.kind, changes: changesOf(command), model: modelOf(command) }]);
        expect(result).toEqual({ kind: 'refused', command: command.kind, refusal: REFUSAL });
        expect(refusalOf(result)).toBe(REFUSAL);
      } else {
        // Declared read-only: the policy is not asked, and the writes above prove the declaration true.
        expect(policy.asked).toEqual([]);
        expect(refusalOf(result)).toBeUndefined();
      }
    },
  );

  it.each(ALL_SAMPLES.filter((c) => changesOf(c).some((x) => x === 'stage' || x === 'alias')).map((c) => [label(c), c] as const))(
    'with a policy that lets everyone ask but wants an approver for every move, %s moves no stage or alias',
    async (_name, command) => {
      const policy = new ScriptedPolicy({ allowed: true }, { kind: 'approval', reasons: [{ kind: 'enters-stage', stage: 'Production' }] });
      const h = await seeded(policy);
      const result = await h.core.commands.execute(command, ctx);
      expect(h.registry.calls.filter((c) => ['transitionStage', 'setAlias', 'deleteAlias'].includes(c))).toEqual([]);
      if (
        (result.kind === 'promote' || result.kind === 'archive' || result.kind === 'alias' || result.kind === 'rollback') &&
        result.result.kind === 'pending'
      ) {
        expect(result.result.request.why).toEqual([{ kind: 'enters-stage', stage: 'Production' }]);
      } else {
        expect(refusalOf(result)).toEqual(expect.objectContaining({ code: expect.any(String) }));
      }
      expect(policy.reviewed).toHaveLength(1);
    },
  );
});
