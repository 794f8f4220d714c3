import type { RecordedEvent } from '@blue-ledger/event-store';
import type { Projection } from '../projection';
import { preparedStatements } from '../sqlite/prepared-statements';
import { toMillis } from '../support/time';

export const AUDIT_TRAIL_TABLE = 'audit_trail_events';

const statements = preparedStatements((db) => ({
  insert: db.prepare(
    `INSERT INTO ${AUDIT_TRAIL_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

/** Every event in the global order with its whole envelope, hashes included. */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  version: 1,

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${AUDIT_TRAIL_TABLE} (
      position INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      stream_id TEXT NOT NULL,
      stream_revision INTEGER NOT NULL,
      recorded_at TEXT NOT NULL,
      recorded_ms INTEGER,
      occurred_at TEXT,
      actor_id TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      correlation_id TEXT NOT NULL,
      causation_id TEXT NOT NULL,
      data TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    )`);
    for (const column of ['stream_id', 'actor_id', 'type']) {
      db.exec(`CREATE INDEX IF NOT EXISTS ${AUDIT_TRAIL_TABLE}_by_${column}
        ON ${AUDIT_TRAIL_TABLE} (${column}, position)`);
    }
    db.exec(`CREATE INDEX IF NOT EXISTS ${AUDIT_TRAIL_TABLE}_by_recorded
      ON ${AUDIT_TRAIL_TABLE} (recorded_ms)`);
  },

  reset(db) {
    statements.forget(db);
    db.exec(`DROP TABLE IF EXISTS ${AUDIT_TRAIL_TABLE}`);
  },

  apply(db, event: RecordedEvent) {
    statements
      .of(db)
      .insert.run(
        event.globalPosition,
        event.eventId,
        event.type,
        event.schemaVersion,
        event.streamId,
        event.streamRevision,
        event.recordedAt,
        toMillis(event.recordedAt),
        event.occurredAt ?? null,
        event.actor.id,
        event.actor.role,
        event.correlationId,
        event.causationId,
        JSON.stringify(event.data),
        event.prevHash,
        event.hash,
      );
  },
};
