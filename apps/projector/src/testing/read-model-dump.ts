import type { EventStore } from '@blue-ledger/event-store';
import { ledgerProjections, ProjectionRunner } from '@blue-ledger/projections';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { dumpTables, tablesOf } from '../../../../libs/projections/src/testing/table-dump';

const silent = { log: () => undefined, error: () => undefined };

/**
 * Every row of every read-model table and every checkpoint: equal dumps, equal read models.
 * SQLite's own bookkeeping (`sqlite_sequence`) is left out: the events table of the embedded
 * store counts there too.
 */
export function dumpReadModels(db: Database): Record<string, unknown[]> {
  const tables = tablesOf(ledgerProjections()).filter((table) => !table.startsWith('sqlite_'));
  return dumpTables(db, [...tables, 'projection_checkpoints']);
}

/** The projector's read-model file, as it stands (opened read-only). */
export function dumpReadModelFile(file: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return dumpReadModels(db);
  } finally {
    db.close();
  }
}

/** The read models rebuilt from position 0 in a scratch database, as `ledger rebuild` would. */
export async function rebuiltFromZero(store: EventStore): Promise<Record<string, unknown[]>> {
  const db = new BetterSqlite3(':memory:');
  try {
    await new ProjectionRunner(store, db, ledgerProjections(), { logger: silent }).rebuild();
    return dumpReadModels(db);
  } finally {
    db.close();
  }
}
