import type { Clock } from '../../../src/core/ports/clock.port';
import type { StatePort } from '../../../src/core/ports/store.port';

/** An in-memory StatePort whose TTLs follow the given clock; values are JSON-copied like a real store. */
export class InMemoryState implements StatePort {
  readonly data = new Map<string, { json: string; until?: number }>();

  constructor(private readonly clock: Clock) {}

  async get<T>(key: string): Promise<T | undefined> {
    const e = this.data.get(key);
    if (!e) return undefined;
    if (e.until !== undefined && e.until <= this.clock.now()) {
      this.data.delete(key);
      return undefined;
    }
    return JSON.parse(e.json) as T;
  }
  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.data.set(key, { json: JSON.stringify(value), until: ttlMs === undefined ? undefined : this.clock.now() + ttlMs });
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
}
