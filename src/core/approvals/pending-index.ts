import type { LockPort } from '../ports/lock.port';
import type { StatePort } from '../ports/store.port';
import { updateUnderLock } from './locked-update';

const PENDING_INDEX_KEY = 'approvals:pending';

/**
 * The ids of requests still pending, so the expiry sweep finds them without a scan. Shared by every instance on
 * Redis: each change is a read-modify-write under the lock port.
 */
export class PendingIndex {
  constructor(
    private readonly state: StatePort,
    private readonly lock: LockPort,
  ) {}

  async ids(): Promise<string[]> {
    return (await this.state.get<string[]>(PENDING_INDEX_KEY)) ?? [];
  }

  async add(id: string): Promise<void> {
    await updateUnderLock<string[]>(this.state, this.lock, PENDING_INDEX_KEY, (ids = []) => (ids.includes(id) ? ids : [...ids, id]));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.ids()).includes(id)) return;
    await updateUnderLock<string[]>(this.state, this.lock, PENDING_INDEX_KEY, (ids = []) => ids.filter((x) => x !== id));
  }
}
