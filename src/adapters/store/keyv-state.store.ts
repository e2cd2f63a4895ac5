import type Keyv from 'keyv';
import type { StatePort } from '../../core/ports/store.port';
import { StoreUnavailableError } from './store.errors';

/** StatePort over any keyv instance (SQLite or Redis underneath); store failures become StoreUnavailableError. */
export class KeyvStateStore implements StatePort {
  constructor(private readonly keyv: Keyv) {}

  async get<T>(key: string): Promise<T | undefined> {
    return this.guard('read', () => this.keyv.get<T>(key));
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.guard('write', () => this.keyv.set(key, value, ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.guard('write', () => this.keyv.delete(key));
  }

  private async guard<R>(what: string, op: () => Promise<R>): Promise<R> {
    try {
      return await op();
    } catch (e) {
      throw new StoreUnavailableError(`The state store could not ${what} (check STORE_PATH or REDIS_URL).`, { cause: e });
    }
  }
}
