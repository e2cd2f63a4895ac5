import { MemoryLock } from '../../src/adapters/store/memory.lock';
import { StoreUnavailableError } from '../../src/adapters/store/store.errors';
import { OnceOnly } from '../../src/core/once-only';
import type { StatePort } from '../../src/core/ports/store.port';
import { DeliveryDedup, DELIVERY_MEMORY_MS } from '../../src/core/webhooks/delivery-dedup';
import { RequestDedup } from '../../src/slack/middleware/request-dedup';
import { InMemoryState } from '../support/fakes/in-memory-state';

function world() {
  const clock = { t: 1_750_000_000_000, now: () => clock.t };
  const state = new InMemoryState(clock);
  const lock = new MemoryLock(clock);
  return { clock, state, lock };
}

describe('OnceOnly', () => {
  it('lets an id through once, refuses it while remembered, and lets it through again after memoryMs', async () => {
    const w = world();
    const guard = new OnceOnly(w.state, w.lock, { scope: 'test', memoryMs: 60_000, owner: 'a', now: w.clock.now });
    expect(await guard.firstTime('x')).toBe(true);
    expect(await guard.firstTime('x')).toBe(false);
    expect(await guard.firstTime('y')).toBe(true);
    w.clock.t += 60_001;
    expect(await guard.firstTime('x')).toBe(true);
    expect(await w.state.get('test:x')).toBe(w.clock.t);
  });

  it('lets exactly one of two instances through when both see the id at once', async () => {
    const w = world();
    const a = new OnceOnly(w.state, w.lock, { scope: 'test', memoryMs: 60_000, owner: 'a' });
    const b = new OnceOnly(w.state, w.lock, { scope: 'test', memoryMs: 60_000, owner: 'b' });
    const firsts = await Promise.all([a.firstTime('x'), b.firstTime('x'), a.firstTime('x'), b.firstTime('x')]);
    expect(firsts.filter(Boolean)).toHaveLength(1);
  });

  it('fails closed: a store failure reaches the caller instead of letting the id through', async () => {
    const w = world();
    const down: StatePort = {
      get: () => Promise.reject(new StoreUnavailableError('unreachable', 'read')),
      set: () => Promise.reject(new StoreUnavailableError('unreachable', 'write')),
      delete: () => Promise.reject(new StoreUnavailableError('unreachable', 'delete')),
    };
    const guard = new RequestDedup(down, w.lock, 'a');
    await expect(guard.firstTime('cmd:1')).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(guard.assertWritable()).rejects.toMatchObject({ code: 'store_unavailable' });
    // The claim was released: once the store is back, the request goes through.
    expect(await new RequestDedup(w.state, w.lock, 'a').firstTime('cmd:1')).toBe(true);
  });

  it('keeps Slack requests and webhook deliveries apart: the same id is new to each', async () => {
    const w = world();
    expect(await new RequestDedup(w.state, w.lock, 'a').firstTime('42')).toBe(true);
    expect(await new DeliveryDedup(w.state, w.lock, 'a').firstTime('42')).toBe(true);
    expect(await new DeliveryDedup(w.state, w.lock, 'b').firstTime('42')).toBe(false);
    w.clock.t += DELIVERY_MEMORY_MS + 1;
    expect(await new DeliveryDedup(w.state, w.lock, 'b').firstTime('42')).toBe(true);
  });
});
