/** Runs one SQL statement on the keyv SQLite connection and returns its rows (KeyvSqlite's `query`). */
export type SqliteQuery = (sql: string, ...parameters: unknown[]) => Promise<unknown[]>;

/** Rows deleted per statement, so one purge never holds the write lock for long. */
export const PURGE_BATCH_ROWS = 1_000;

/**
 * Deletes the rows of `namespace` whose expiry has passed and returns how many. keyv's SQLite adapter has no TTL of
 * its own: keyv stores `{"value":…,"expires":<epoch ms>}` and only drops an expired row when it is read again, and
 * most keys (request and delivery dedupe marks) are never read again, so without this the file grows for ever.
 * Rows that are not keyv JSON or carry no expiry are left alone (CASE keeps json_extract away from invalid JSON).
 */
export async function purgeExpiredRows(query: SqliteQuery, table: string, namespace: string, nowMs: number, batchRows = PURGE_BATCH_ROWS): Promise<number> {
  const prefix = `${namespace}:`;
  const sql =
    `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE substr(key, 1, ?) = ? ` +
    `AND (CASE WHEN json_valid(value) THEN json_extract(value, '$.expires') END) <= ? LIMIT ${Math.max(1, Math.floor(batchRows))}) RETURNING key`;
  let purged = 0;
  for (;;) {
    const rows = await query(sql, prefix.length, prefix, nowMs);
    purged += rows.length;
    if (rows.length < batchRows) return purged;
  }
}
