import { rowValuesOf, type RecordedEvent } from '@blue-ledger/event-store';
import { createQueryIndexes, type Projection, type QueryIndex } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import {
  createEnvelopes,
  dropEnvelopes,
  ENVELOPES,
  envelopeModeOf,
  STORE_EVENTS_TABLE,
} from './event-envelopes';

/** Recorded time as a number SQLite can index and compare, whatever the zone it was written in. */
export const RECORDED_TIME = 'julianday(recorded_at)';

/** Indexes on the copied envelopes, for every filter of the audit trail. */
const copyIndexes: QueryIndex[] = [
  { name: `${ENVELOPES}_by_stream`, table: ENVELOPES, columns: ['stream_id', 'global_position'] },
  { name: `${ENVELOPES}_by_actor`, table: ENVELOPES, columns: ['actor_id', 'global_position'] },
  { name: `${ENVELOPES}_by_type`, table: ENVELOPES, columns: ['type', 'global_position'] },
  { name: `${ENVELOPES}_by_recorded`, table: ENVELOPES, columns: [RECORDED_TIME] },
];

/**
 * Indexes the audit trail adds to the embedded store's table, for the filters the store's own
 * indexes (by stream, by type) do not serve. Never dropped, not even by a rebuild: that table
 * is not what a rebuild replays, and building them again over every event is all a rebuild of
 * the view would cost. A version that indexes differently must name its indexes anew.
 */
const storeTableIndexes: QueryIndex[] = [
  {
    name: 'audit_trail_by_actor',
    table: STORE_EVENTS_TABLE,
    columns: ['actor_id', 'global_position'],
  },
  { name: 'audit_trail_by_recorded', table: STORE_EVENTS_TABLE, columns: [RECORDED_TIME] },
];

const statements = preparedStatements((db) => ({
  /** Null when the envelopes are a view of the store's table: nothing to copy. */
  copy:
    envelopeModeOf(db) === 'copy'
      ? db.prepare(`INSERT INTO ${ENVELOPES} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      : null,
}));

const indexesOf = (db: SqliteDatabase): QueryIndex[] =>
  envelopeModeOf(db) === 'copy' ? copyIndexes : [];

/**
 * Every event in the global order with its whole envelope, hashes included, filterable by
 * stream, actor, type and recorded time; also where the other read models' queries read
 * envelopes from. With the embedded store in the same database it is a view of the store's
 * own table, with two more indexes on it, and applying an event costs nothing; otherwise it
 * copies each envelope (see event-envelopes.ts).
 */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  version: 2,
  queryIndexes: indexesOf,

  setup(db) {
    statements.forget(db);
    createEnvelopes(db);
    createQueryIndexes(db, envelopeModeOf(db) === 'copy' ? copyIndexes : storeTableIndexes);
  },

  reset(db) {
    statements.forget(db);
    dropEnvelopes(db);
  },

  apply(db, event: RecordedEvent) {
    statements.of(db).copy?.run(...rowValuesOf(event));
  },
};
