/**
 * SQLite's defaults (rollback journal, synchronous=FULL) sync the disk at every commit: each small write (a Slack
 * request's dedupe mark, an approval) cost 7–15 ms on this project's machines, and a burst of 1,000 slash commands
 * queued 15 s of writes in front of their acks. WAL with synchronous=NORMAL commits without a disk sync (measured:
 * 1,000 concurrent dedupe checks in 0.13–0.24 s instead of 15–18 s) and still survives a crash of the process; only
 * an OS crash or power loss can drop the last commits. WAL also lets the CLI read while the app writes.
 */

/** The adapter's query function (sqlite3's `all`, promisified by @keyv/sqlite). */
export type SqliteQuery = (sql: string, ...params: unknown[]) => Promise<unknown>;

/** Switches the connection to WAL + synchronous=NORMAL; a failure only costs speed, so it is reported, not thrown. */
export async function tuneSqliteForSmallWrites(query: SqliteQuery, onError: (err: unknown) => void): Promise<void> {
  try {
    // journal_mode is stored in the file (later connections get WAL too); synchronous is per connection.
    await query('PRAGMA journal_mode=WAL');
    await query('PRAGMA synchronous=NORMAL');
  } catch (err) {
    onError(err);
  }
}
