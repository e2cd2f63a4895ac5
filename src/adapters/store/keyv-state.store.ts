import type Keyv from 'keyv';
import type { StatePort } from '../../core/ports/store.port';
import { storeCall } from './store-call';
import { StoreUnavailableError } from './store.errors';

/**
 * StatePort over any keyv instance (SQLite or Redis underneath). Every failure becomes StoreUnavailableError:
 * the keyv instance must be built with `throwOnErrors` (keyv otherwise answers a failed read with undefined and
 * a failed write with `false`, and the app would go on as if the value were stored — e.g. post an approval request
 * that Approve then cannot find). A `false` from set is treated as a refusal too, whatever the adapter.
 */
export class KeyvStateStore implements StatePort {
  constructor(
    private readonly keyv: Keyv,
    /** Per-operation deadline (Redis); undefined for none (SQLite bounds its own waits with busyTimeout). */
    private readonly deadlineMs?: number,
    /** Awaited before each operation (Redis: the first connection of a new client). */
    private readonly connected: () => Promise<void> = async () => {},
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    return storeCall('read', () => this.run(() => this.keyv.get<T>(key)), this.deadlineMs);
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    const stored = await storeCall('write', () => this.run(() => this.keyv.set(key, value, ttlMs)), this.deadlineMs);
    if (stored === false) throw new StoreUnavailableError('refused', 'write');
  }

  async delete(key: string): Promise<void> {
    await storeCall('delete', () => this.run(() => this.keyv.delete(key)), this.deadlineMs);
  }

  private async run<R>(op: () => Promise<R>): Promise<R> {
    await this.connected();
    return op();
  }
}
