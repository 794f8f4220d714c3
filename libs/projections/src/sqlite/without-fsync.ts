import type { SqliteDatabase } from './database';

/**
 * Runs `work` (a transaction) with `synchronous = NORMAL` on a connection that may be set to
 * FULL, and restores the setting at once. The embedded store commits with FULL: durable on
 * acknowledgement. Read models need not be: their writes commit together with their
 * checkpoint, so a power cut can lose the last few of their transactions, never half of one,
 * and the runner replays those. Skipping the fsync makes catching up much faster. The setting
 * belongs to the connection the store shares, hence the restore before any append can run.
 */
export function withoutFsync<T>(db: SqliteDatabase, work: () => T): T {
  const previous = db.pragma('synchronous', { simple: true }) as number;
  if (previous <= 1) return work();
  db.pragma('synchronous = NORMAL');
  try {
    return work();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}
