import type BetterSqlite3 from 'better-sqlite3';

/** A better-sqlite3 handle: with the embedded store, the same file as the events. */
export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteStatement = BetterSqlite3.Statement;
