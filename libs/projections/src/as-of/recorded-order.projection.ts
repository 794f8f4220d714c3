import type { RecordedEvent } from '@blue-ledger/event-store';
import { batched, type Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { toMillis } from '../support/time';

export const RECORDED_ORDER_TABLE = 'recorded_order';

/**
 * What resolving an instant to a position needs, exactly and by one index lookup whatever the
 * stamps: the suffix minima of `recordedAt` along the global order. For each position p, m(p)
 * is the earliest stamp at p or after it; m never decreases along positions, and the last
 * position recorded at or before T is the last p with m(p) <= T. The table holds m as
 * segments, one row per value (`min_ms`), each with the last position it covers, values and
 * positions increasing together: a monotonic stack. Each event pushes its stamp, after popping
 * the segments it lowers (an event stamped before events ahead of it merges them into one), so
 * that about one row is written per event. While stamps never decrease (one process), each
 * distinct stamp is a segment of its own.
 */
const statements = preparedStatements((db) => ({
  top: db
    .prepare(`SELECT min_ms FROM ${RECORDED_ORDER_TABLE} ORDER BY min_ms DESC LIMIT 1`)
    .pluck(),
  pop: db.prepare(`DELETE FROM ${RECORDED_ORDER_TABLE} WHERE min_ms >= ?`),
  push: db.prepare(`INSERT INTO ${RECORDED_ORDER_TABLE} (min_ms, last_position) VALUES (?, ?)`),
  extend: db.prepare(`UPDATE ${RECORDED_ORDER_TABLE} SET last_position = ? WHERE min_ms = ?`),
  lastRecordedBy: db
    .prepare(
      `SELECT last_position FROM ${RECORDED_ORDER_TABLE}
       WHERE min_ms <= ? ORDER BY min_ms DESC LIMIT 1`,
    )
    .pluck(),
}));

/** The last position (among those applied) whose `recordedAt` is at or before `instantMs`; null when none is. */
export function lastRecordedBy(db: SqliteDatabase, instantMs: number): number | null {
  return (statements.of(db).lastRecordedBy.get(instantMs) as number | undefined) ?? null;
}

export const recordedOrderProjection: Projection = {
  name: 'recorded-order',
  version: 1,

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${RECORDED_ORDER_TABLE} (
      min_ms INTEGER PRIMARY KEY,
      last_position INTEGER NOT NULL
    ) WITHOUT ROWID`);
  },

  reset(db) {
    statements.forget(db);
    db.exec(`DROP TABLE IF EXISTS ${RECORDED_ORDER_TABLE}`);
  },

  ...batched((db) => {
    const s = statements.of(db);
    let top = (s.top.get() as number | undefined) ?? null;
    return {
      apply(event: RecordedEvent) {
        const stamp = toMillis(event.recordedAt);
        if (stamp === null) return;
        const position = Number(event.globalPosition);
        if (top !== null && stamp === top) {
          s.extend.run(position, stamp);
          return;
        }
        // Stamped before events ahead of it: the segments it lowers become one, ending here.
        if (top !== null && stamp < top) s.pop.run(stamp);
        s.push.run(stamp, position);
        top = stamp;
      },
      flush() {},
    };
  }),
};
