import type { EventStore } from '@blue-ledger/event-store';
import { ledgerProjections, ProjectionRunner } from '@blue-ledger/projections';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { dumpTables, tablesOf } from '../../../../libs/projections/src/testing/table-dump';

const silent = { log: () => undefined, error: () => undefined };

/**
 * Not folded from the events, so not compared: SQLite's own bookkeeping (the embedded store's
 * events table counts in `sqlite_sequence` too) and the heads the notary signed, which depend
 * on when it signed.
 */
const NOT_READ_MODELS = (table: string) => table.startsWith('sqlite_') || table === 'notary_heads';

/** Every row of every read-model table and every checkpoint: equal dumps, equal read models. */
export function dumpReadModels(db: Database): Record<string, unknown[]> {
  const tables = tablesOf(ledgerProjections()).filter((table) => !NOT_READ_MODELS(table));
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
