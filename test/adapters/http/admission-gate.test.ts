import { AdmissionGate, AdmissionRefused, totalShed, type AdmissionSettings, type CallPriority } from '../../../src/adapters/http/admission-gate';
import { withDeadline } from '../../../src/adapters/http/call-deadline';

/** A task whose end the test decides, recording when it started. */
function controlled(log: string[], name: string): { task: () => Promise<string>; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((r) => (finish = r));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const settings = (over: Partial<AdmissionSettings> = {}): AdmissionSettings => ({
  maxInFlight: 2,
  maxQueued: 10,
  readMaxWaitMs: 60_000,
  priorityMaxWaitMs: 60_000,
  ...over,
});

// Wait budgets and deadlines are timers and Date.now(): jest's fake clock moves them, so no test sleeps.
beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Moves the fake clock `ms` forward, running due timers and the promise callbacks they release. */
const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);

/** Lets pending timers (20 ms of fake time) and promise callbacks run. */
const settle = () => elapse(20);

/** Waits (without moving the clock) until the gate shows `inFlight` calls running and `queued` waiting. */
async function until(gate: AdmissionGate, inFlight: number, queued: number): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const c = gate.counts();
    if (c.inFlight === inFlight && c.queued === queued) return;
    await elapse(0);
  }
  throw new Error(`the gate never showed ${inFlight} in flight and ${queued} waiting: ${JSON.stringify(gate.counts())}`);
}

async function refusal(p: Promise<unknown>): Promise<AdmissionRefused> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AdmissionRefused) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

describe('AdmissionGate', () => {
  it('never runs more calls at once than maxInFlight, and starts the next when one ends', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 3, maxQueued: 100 }));
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const calls = Array.from({ length: 20 }, () =>
      gate.run('read', async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running -= 1;
        log.push('done');
      }),
    );
    await jest.runAllTimersAsync();
    await Promise.all(calls);
    expect(peak).toBe(3);
    expect(log).toHaveLength(20);
    expect(gate.counts()).toMatchObject({ inFlight: 0, queued: 0, started: 20 });
  });

  it('runs waiting calls by priority: interactive, then background, then reads', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 1 }));
    const log: string[] = [];
    const blocker = controlled(log, 'blocker');
    const first = gate.run('read', blocker.task);
    await until(gate, 1, 0);
    const order: Array<[CallPriority, string]> = [
      ['read', 'r1'],
      ['background', 'b1'],
      ['read', 'r2'],
      ['interactive', 'i1'],
      ['background', 'b2'],
    ];
    const runs = order.map(([p, name]) =>
      gate.run(p, async () => {
        log.push(`start ${name}`);
        return name;
      }),
    );
    await until(gate, 1, 5);
    blocker.finish();
    await Promise.all([first, ...runs]);
    expect(log).toEqual(['start blocker', 'start i1', 'start b1', 'start b2', 'start r1', 'start r2']);
  });

  it('refuses a newcomer at once when the queue is full, saying how many calls are ahead', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 1, maxQueued: 2 }));
    const log: string[] = [];
    const blocker = controlled(log, 'blocker');
    const running = gate.run('read', blocker.task);
    await until(gate, 1, 0);
    const waiting = [gate.run('read', async () => 'w1'), gate.run('read', async () => 'w2')];
    await until(gate, 1, 2);
    const started = Date.now();
    const refused = await refusal(gate.run('read', async () => 'never'));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(refused).toMatchObject({ reason: 'queue_full', waiting: 3, priority: 'read' });
    blocker.finish();
    await expect(Promise.all([running, ...waiting])).resolves.toEqual(['blocker', 'w1', 'w2']);
    expect(gate.counts().shed.queue_full.read).toBe(1);
  });

  it('under a full queue an approval displaces the oldest waiting read, which is told it is refused', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 1, maxQueued: 2 }));
    const log: string[] = [];
    const blocker = controlled(log, 'blocker');
    const running = gate.run('background', blocker.task);
    await until(gate, 1, 0);
    const oldestRead = gate.run('read', async () => 'r1');
    const newerRead = gate.run('read', async () => 'r2');
    await until(gate, 1, 2);
    const approval = gate.run('interactive', async () => 'approval');
    const refused = await refusal(oldestRead);
    expect(refused.reason).toBe('queue_full');
    blocker.finish();
    await expect(Promise.all([running, approval, newerRead])).resolves.toEqual(['blocker', 'approval', 'r2']);
    expect(gate.counts().shed.queue_full).toEqual({ interactive: 0, background: 0, read: 1 });
  });

  it('refuses a call whose wait budget runs out, and never runs it when a slot frees later', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 1, readMaxWaitMs: 50 }));
    const log: string[] = [];
    const blocker = controlled(log, 'blocker');
    const running = gate.run('interactive', blocker.task);
    await until(gate, 1, 0);
    const late = refusal(
      gate.run('read', async () => {
        log.push('start late read');
        return 'late';
      }),
    );
    await elapse(49);
    expect(gate.counts().queued).toBe(1);
    await elapse(1);
    const refused = await late;
    expect(refused).toMatchObject({ reason: 'wait_expired', priority: 'read' });
    // Refused callers are not counted as waiting any more.
    expect(gate.counts().queued).toBe(0);
    blocker.finish();
    await running;
    await settle();
    expect(log).toEqual(['start blocker']);
    expect(gate.counts()).toMatchObject({ started: 1, inFlight: 0, queued: 0 });
    expect(totalShed(gate.counts())).toBe(1);
  });

  it('gives priority calls their own, longer wait budget', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 1, readMaxWaitMs: 30, priorityMaxWaitMs: 60_000 }));
    const log: string[] = [];
    const blocker = controlled(log, 'blocker');
    const running = gate.run('read', blocker.task);
    await until(gate, 1, 0);
    const read = refusal(gate.run('read', async () => 'read'));
    const sync = gate.run('background', async () => 'sync');
    await elapse(30);
    await expect(read).resolves.toMatchObject({ reason: 'wait_expired' });
    await elapse(100);
    blocker.finish();
    await expect(Promise.all([running, sync])).resolves.toEqual(['blocker', 'sync']);
  });

  it('cuts a wait short at the deadline of the work it is made for, and refuses at once once it has passed', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 1, readMaxWaitMs: 60_000 }));
    const log: string[] = [];
    const blocker = controlled(log, 'blocker');
    const running = gate.run('interactive', blocker.task);
    await until(gate, 1, 0);
    const started = Date.now();
    const late = refusal(withDeadline(Date.now() + 80, () => gate.run('read', async () => 'late')));
    await elapse(80);
    const refused = await late;
    expect(refused.reason).toBe('wait_expired');
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(refusal(withDeadline(Date.now() - 1, () => gate.run('read', async () => 'never')))).resolves.toMatchObject({ reason: 'wait_expired' });
    blocker.finish();
    await running;
    await settle();
    expect(log).toEqual(['start blocker']);
  });

  it('passes a failing call’s own error through and frees its slot', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 1 }));
    await expect(gate.run('read', () => Promise.reject(new Error('MLflow said no')))).rejects.toThrow('MLflow said no');
    await expect(gate.run('read', async () => 'next')).resolves.toBe('next');
    expect(gate.counts()).toMatchObject({ inFlight: 0, started: 2 });
  });

  it('reports peaks since the last time they were taken', async () => {
    const gate = new AdmissionGate(settings({ maxInFlight: 2 }));
    const log: string[] = [];
    const tasks = Array.from({ length: 5 }, (_, i) => controlled(log, `t${i}`));
    const runs = tasks.map((t) => gate.run('read', t.task));
    await until(gate, 2, 3);
    expect(gate.takePeaks()).toEqual({ inFlight: 2, queued: 3 });
    tasks.forEach((t) => t.finish());
    await Promise.all(runs);
    gate.takePeaks();
    expect(gate.takePeaks()).toEqual({ inFlight: 0, queued: 0 });
  });
});
