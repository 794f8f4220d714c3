import type { Database } from 'better-sqlite3';

/**
 * The connection settings the event store relies on.
 *
 * - WAL: readers (projections, subscriptions, other processes) never block the writer.
 * - `synchronous = FULL`: every commit fsyncs the WAL before `appendToStream` returns, so an
 *   acknowledged append survives a power cut or an OS crash, not just a crash of this process.
 *   `NORMAL` skips that fsync in WAL mode and can lose the last acknowledged transactions on
 *   power loss, which a ledger that promises "durable on acknowledgement" cannot accept.
 * - `busy_timeout`: several processes may write one file; a writer waits for the lock
 *   (`BEGIN IMMEDIATE`) instead of failing at once with SQLITE_BUSY.
 */
export function configureConnection(db: Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  if (!db.memory) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`could not switch ${db.name} to WAL (got ${String(mode)})`);
  }
  db.pragma('synchronous = FULL');
}
