import type { Clock } from '../../core/ports/clock.port';
import type { LockPort } from '../../core/ports/lock.port';

/**
 * Claims held in this process's memory: correct for one process (the SQLite default, where the file is not
 * shared between instances). Acquire is synchronous between awaits, so concurrent callers cannot both win.
 */
export class MemoryLock implements LockPort {
  private readonly held = new Map<string, { owner: string; until: number }>();

  constructor(private readonly clock: Clock) {}

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const current = this.held.get(key);
    if (current && current.until > now) return false;
    this.held.set(key, { owner, until: now + ttlMs });
    return true;
  }

  async extend(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const current = this.held.get(key);
    if (!current || current.owner !== owner || current.until <= this.clock.now()) return false;
    current.until = this.clock.now() + ttlMs;
    return true;
  }

  async release(key: string, owner: string): Promise<void> {
    if (this.held.get(key)?.owner === owner) this.held.delete(key);
  }
}
