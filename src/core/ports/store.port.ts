/**
 * Durable key-value state owned by the app (pending approvals, audit entries, notification marks).
 * Values are plain JSON. Implemented by src/adapters/store (keyv over SQLite by default, Redis when configured).
 */
export interface StatePort {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value`; with `ttlMs` the entry disappears after that long. */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
}
