import type { RecordedEvent } from '@blue-ledger/event-store';
import type { Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';

export interface CountingProjection extends Projection {
  /** The positions it holds, in order. */
  seen(db: SqliteDatabase): number[];
  resets: number;
}

/**
 * Stores the position of every event it is given, under a primary key: applying an event twice
 * fails loudly. `failAt` makes it throw on the event at that position.
 */
export function countingProjection(
  name: string,
  { version = 1, failAt }: { version?: number; failAt?: (event: RecordedEvent) => boolean } = {},
): CountingProjection {
  const table = `${name.replace(/\W/g, '_')}_seen`;
  return {
    name,
    version,
    resets: 0,
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (position INTEGER PRIMARY KEY, type TEXT)`);
    },
    reset(db) {
      this.resets += 1;
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    },
    apply(db, event) {
      if (failAt?.(event)) throw new Error(`cannot handle ${event.type}`);
      db.prepare(`INSERT INTO ${table} VALUES (?, ?)`).run(event.globalPosition, event.type);
    },
    seen(db) {
      return db
        .prepare(`SELECT position FROM ${table} ORDER BY position`)
        .pluck()
        .all() as number[];
    },
  };
}
