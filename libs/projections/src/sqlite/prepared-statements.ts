import type { SqliteDatabase } from './database';

export interface PreparedStatements<S> {
  /** The statements of this handle, prepared on first use. */
  of(db: SqliteDatabase): S;
  /** Drop them, e.g. after the tables they read were dropped. */
  forget(db: SqliteDatabase): void;
}

/**
 * Preparing a statement costs far more than running it, and `apply` runs once per event:
 * prepare once per database handle and keep them beside it.
 */
export function preparedStatements<S>(prepare: (db: SqliteDatabase) => S): PreparedStatements<S> {
  const cache = new WeakMap<SqliteDatabase, S>();
  return {
    of(db) {
      let statements = cache.get(db);
      if (statements === undefined) {
        statements = prepare(db);
        cache.set(db, statements);
      }
      return statements;
    },
    forget(db) {
      cache.delete(db);
    },
  };
}
