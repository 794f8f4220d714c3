import type { EventRow, RecordedEvent } from '@blue-ledger/event-store';
import type { SqliteDatabase } from '../sqlite/database';

/**
 * The events' envelopes, as the read models' queries read them: a table the audit trail fills
 * (when the events live elsewhere, e.g. in EventStoreDB), or a view of the embedded store's own
 * `events` table when it shares this database. Either way, the same columns as that table.
 */
export const ENVELOPES = 'audit_trail_events';

/** The embedded store's table, when it shares the database with the read models. */
export const STORE_EVENTS_TABLE = 'events';

export const ENVELOPE_COLUMNS = [
  'global_position',
  'event_id',
  'stream_id',
  'stream_revision',
  'type',
  'schema_version',
  'recorded_at',
  'occurred_at',
  'actor_id',
  'actor_role',
  'correlation_id',
  'causation_id',
  'data',
  'prev_hash',
  'hash',
] as const;

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
  return ENVELOPE_COLUMNS.every((column) => columns.includes(column));
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
      SELECT ${ENVELOPE_COLUMNS.join(', ')} FROM ${STORE_EVENTS_TABLE}`);
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

/** The envelope as the store gave it, for the functions that summarise and describe events. */
export function recordedEventOf(row: EnvelopeRow): RecordedEvent {
  const event: RecordedEvent = {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as Record<string, unknown>,
    recordedAt: row.recorded_at,
    actor: { id: row.actor_id, role: row.actor_role },
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
    streamId: row.stream_id,
    streamRevision: BigInt(row.stream_revision),
    globalPosition: BigInt(row.global_position),
  };
  if (row.occurred_at !== null) event.occurredAt = row.occurred_at;
  return event;
}

/** `e.col1, e.col2, ...`: the envelope columns of a query that joins the envelopes as `e`. */
export const envelopeColumnsOf = (alias: string): string =>
  ENVELOPE_COLUMNS.map((column) => `${alias}.${column}`).join(', ');
