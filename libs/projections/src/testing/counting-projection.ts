import type { RecordedEvent } from '@blue-ledger/event-store';
import { batched, createQueryIndexes, type Projection, type QueryIndex } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';

export interface CountingProjection extends Projection {
  /** The positions it holds, in order. */
  seen(db: SqliteDatabase): number[];
  resets: number;
}

export interface CountingOptions {
  version?: number;
  /** Throws on the events it returns true for. */
  failAt?: (event: RecordedEvent) => boolean;
  /** Applies in batches, through a session. */
  batched?: boolean;
  /** Called on every event applied, with the database, e.g. to look at its state then. */
  observe?: (db: SqliteDatabase, event: RecordedEvent) => void;
}

/**
 * Stores the position of every event it is given, under a primary key: applying an event twice
 * fails loudly. It has one query index, on the type.
 */
export function countingProjection(
  name: string,
  options: CountingOptions = {},
): CountingProjection {
  const table = `${name.replace(/\W/g, '_')}_seen`;
  const queryIndexes: QueryIndex[] = [{ name: `${table}_by_type`, table, columns: ['type'] }];
  const applyOne = (db: SqliteDatabase, event: RecordedEvent) => {
    if (options.failAt?.(event)) throw new Error(`cannot handle ${event.type}`);
    options.observe?.(db, event);
    db.prepare(`INSERT INTO ${table} VALUES (?, ?)`).run(event.globalPosition, event.type);
  };
  const applying: Pick<Projection, 'apply' | 'applyBatch'> = options.batched
    ? batched((db) => ({ apply: (event) => applyOne(db, event), flush: () => undefined }))
    : { apply: applyOne };
  return {
    name,
    version: options.version ?? 1,
    resets: 0,
    queryIndexes: () => queryIndexes,
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (position INTEGER PRIMARY KEY, type TEXT)`);
      createQueryIndexes(db, queryIndexes);
    },
    reset(db) {
      this.resets += 1;
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    },
    ...applying,
    seen(db) {
      return db
        .prepare(`SELECT position FROM ${table} ORDER BY position`)
        .pluck()
        .all() as number[];
    },
  };
}

export const indexExists = (db: SqliteDatabase, name: string): boolean =>
  db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name) !==
  undefined;
