import { EVENT_COLUMN_NAMES, EVENT_COLUMNS, type EventRow } from '@blue-ledger/event-store';
import type { SqliteDatabase } from '../sqlite/database';

/**
 * The events' envelopes, as the read models' queries read them: a table the audit trail fills
 * (when the events live elsewhere, e.g. in EventStoreDB), or a view of the embedded store's own
 * `events` table when it shares this database. Either way, the same columns as that table.
 */
export const ENVELOPES = 'audit_trail_events';

/** The embedded store's table, when it shares the database with the read models. */
export const STORE_EVENTS_TABLE = 'events';

/** A row of the store's events table, as the read models read it (plain numbers). */
export type EnvelopeRow = EventRow<number>;

/** `copy`: the audit trail stores the envelopes; `view`: it views the store's events table. */
export type EnvelopeMode = 'copy' | 'view';

const schemaObjectType = (db: SqliteDatabase, name: string): string | undefined =>
  db.prepare(`SELECT type FROM sqlite_master WHERE name = ?`).pluck().get(name) as
    string | undefined;

/** True when the embedded store's events table, with every envelope column, is in this database. */
export function storeEventsTableIn(db: SqliteDatabase): boolean {
  if (schemaObjectType(db, STORE_EVENTS_TABLE) !== 'table') return false;
  const columns = db
    .prepare(`SELECT name FROM pragma_table_info(?)`)
    .pluck()
    .all(STORE_EVENTS_TABLE) as string[];
  return EVENT_COLUMN_NAMES.every((column) => columns.includes(column));
}

export function envelopeModeOf(db: SqliteDatabase): EnvelopeMode | null {
  const type = schemaObjectType(db, ENVELOPES);
  return type === 'view' ? 'view' : type === 'table' ? 'copy' : null;
}

export function createEnvelopes(db: SqliteDatabase): void {
  const wanted: EnvelopeMode = storeEventsTableIn(db) ? 'view' : 'copy';
  const existing = envelopeModeOf(db);
  if (existing === 'view' && wanted === 'copy') {
    throw new Error(
      `${ENVELOPES} views the store's ${STORE_EVENTS_TABLE} table, which is no longer in this ` +
        'database: rebuild the audit-trail projection',
    );
  }
  // Copies of envelopes the store's own table holds: the view replaces them.
  if (existing === 'copy' && wanted === 'view') db.exec(`DROP TABLE ${ENVELOPES}`);
  if (wanted === 'view') {
    db.exec(`CREATE VIEW IF NOT EXISTS ${ENVELOPES} AS
      SELECT ${EVENT_COLUMNS} FROM ${STORE_EVENTS_TABLE}`);
    return;
  }
  db.exec(`CREATE TABLE IF NOT EXISTS ${ENVELOPES} (
    global_position INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    stream_revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    occurred_at TEXT,
    actor_id TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT NOT NULL,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  )`);
}

export function dropEnvelopes(db: SqliteDatabase): void {
  const mode = envelopeModeOf(db);
  if (mode === 'view') db.exec(`DROP VIEW ${ENVELOPES}`);
  if (mode === 'copy') db.exec(`DROP TABLE ${ENVELOPES}`);
}

/** `e.col1, e.col2, ...`: the envelope columns of a query that joins the envelopes as `e`. */
export const envelopeColumnsOf = (alias: string): string =>
  EVENT_COLUMN_NAMES.map((column) => `${alias}.${column}`).join(', ');
