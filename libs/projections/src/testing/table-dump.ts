import Database from 'better-sqlite3';
import type { Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';

/** The tables the projections create, found by setting them up on an empty database. */
export function tablesOf(projections: readonly Projection[]): string[] {
  const scratch = new Database(':memory:');
  try {
    projections.forEach((p) => p.setup(scratch));
    return scratch
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[];
  } finally {
    scratch.close();
  }
}

/** Every row of the tables, sorted on all columns: equal dumps mean equal read models. */
export function dumpTables(db: SqliteDatabase, tables: string[]): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    dump[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`).all();
  }
  return dump;
}
