import type { WebClient } from '@slack/web-api';
import { MemoryLock } from '../../../src/adapters/store/memory.lock';
import type { ApprovalRequest } from '../../../src/core/approvals/approval';
import { ApproverPolicy } from '../../../src/core/approvals/approver-policy';
import { HomeQuery } from '../../../src/core/home/home.query';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { HOME_ACTIVE_MS, HomeTabs } from '../../../src/slack/home/home-tabs';
import { InMemoryRegistry } from '../../support/fakes/in-memory-registry';
import { InMemoryState } from '../../support/fakes/in-memory-state';
import { StaticDirectory } from '../../support/fakes/static-directory';
import { APPROVAL_REQUESTS } from '../support/renderer-fixtures';

const REQUEST: ApprovalRequest = { ...(APPROVAL_REQUESTS[0] as ApprovalRequest), requester: 'U0ALICE' };

function setup(options: { maxPerRefresh?: number; publish?: jest.Mock } = {}) {
  let now = 1_800_000_000_000;
  const clock = { now: () => now };
  const state = new InMemoryState(clock);
  const publish = options.publish ?? jest.fn(async () => ({ ok: true }));
  const client = { views: { publish } } as unknown as WebClient;
  const query = new HomeQuery({
    registry: new InMemoryRegistry(),
    managedTag: 'managed',
    pending: async () => [REQUEST],
    policy: new ApproverPolicy(['U0BOB', 'S0MLOPS'], new StaticDirectory({ S0MLOPS: ['U0CAROL'] })),
  });
  const tabs = new HomeTabs({
    client,
    query,
    state,
    lock: new MemoryLock(clock),
    clock,
    logger: silentLogger,
    settleMs: 1_000,
    maxPerRefresh: options.maxPerRefresh,
  });
  const publishedTo = (): string[] => publish.mock.calls.map((c: unknown[]) => (c[0] as { user_id: string }).user_id);
  return { tabs, publish, publishedTo, advanceClock: (ms: number) => (now += ms) };
}

describe('HomeTabs: refreshed for the people a change concerns, bounded', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('changes within the settle time make one publish per concerned viewer: the requester and who may approve, never others', async () => {
    const { tabs, publish, publishedTo } = setup();
    for (const u of ['U0BOB', 'U0ALICE', 'U0DAVE', 'U0CAROL']) await tabs.opened(u);
    publish.mockClear();
    for (let i = 0; i < 5; i++) tabs.requestChanged(REQUEST);
    expect(publish).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(publishedTo().sort()).toEqual(['U0ALICE', 'U0BOB', 'U0CAROL']);
  });

  it('a model or sync change publishes every recent viewer once; someone who opened the tab long ago or never is left alone', async () => {
    const { tabs, publish, publishedTo, advanceClock } = setup();
    await tabs.opened('U0OLD');
    advanceClock(HOME_ACTIVE_MS + 1);
    await tabs.opened('U0BOB');
    await tabs.opened('U0DAVE');
    publish.mockClear();
    tabs.modelsChanged();
    tabs.modelsChanged();
    tabs.requestChanged(REQUEST);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(publishedTo().sort()).toEqual(['U0BOB', 'U0DAVE']);
  });

  it('publishes at most maxPerRefresh tabs per refresh', async () => {
    const { tabs, publish } = setup({ maxPerRefresh: 5 });
    for (let i = 0; i < 12; i++) await tabs.opened(`U0USER${i}`);
    publish.mockClear();
    tabs.modelsChanged();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(publish).toHaveBeenCalledTimes(5);
  });

  it('a failed publish is logged, never thrown, and the next viewer still gets theirs', async () => {
    const publish = jest.fn(async (args: { user_id: string }) => {
      if (args.user_id === 'U0BOB') throw new Error('not_enabled');
      return { ok: true };
    });
    const { tabs, publishedTo } = setup({ publish });
    await expect(tabs.opened('U0BOB')).resolves.toBeUndefined();
    await tabs.opened('U0DAVE');
    publish.mockClear();
    tabs.modelsChanged();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(publishedTo().sort()).toEqual(['U0BOB', 'U0DAVE']);
  });
});
