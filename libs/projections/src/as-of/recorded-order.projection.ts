import type { RecordedEvent } from '@blue-ledger/event-store';
import { batched, type Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { toMillis } from '../support/time';

export const RECORDED_ORDER_TABLE = 'recorded_order';

/** How far `recordedAt` ever fell behind along the global order, and the latest stamp so far. */
export interface RecordedOrder {
  /** The latest `recordedAt` (ms) of the events applied; null before any. */
  highMs: number | null;
  /**
   * The most an event was stamped before an earlier event (ms): 0 while `recordedAt` never
   * decreased along positions, as one process stamping with its RecordingClock guarantees.
   */
  maxLagMs: number;
}

export function readRecordedOrder(db: SqliteDatabase): RecordedOrder {
  const row = db.prepare(`SELECT high_ms, max_lag_ms FROM ${RECORDED_ORDER_TABLE}`).get() as
    { high_ms: number | null; max_lag_ms: number } | undefined;
  return { highMs: row?.high_ms ?? null, maxLagMs: row?.max_lag_ms ?? 0 };
}

/** The recorded order after one more event, in its global order. */
export function followRecordedOrder(order: RecordedOrder, event: RecordedEvent): RecordedOrder {
  const recordedMs = toMillis(event.recordedAt);
  if (recordedMs === null) return order;
  if (order.highMs === null || recordedMs >= order.highMs) return { ...order, highMs: recordedMs };
  return { ...order, maxLagMs: Math.max(order.maxLagMs, order.highMs - recordedMs) };
}

/**
 * One row: the latest `recordedAt` applied and how far any event's `recordedAt` fell behind
 * an earlier one's. `resolveAsOf` needs that bound to find the last event recorded by an
 * instant by index, exactly, when stamps are not in order (several writers, old ledgers).
 */
export const recordedOrderProjection: Projection = {
  name: 'recorded-order',
  version: 1,

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${RECORDED_ORDER_TABLE} (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      high_ms INTEGER,
      max_lag_ms INTEGER NOT NULL
    )`);
  },

  reset(db) {
    db.exec(`DROP TABLE IF EXISTS ${RECORDED_ORDER_TABLE}`);
  },

  ...batched((db) => {
    let order = readRecordedOrder(db);
    return {
      apply(event) {
        order = followRecordedOrder(order, event);
      },
      flush() {
        db.prepare(
          `INSERT INTO ${RECORDED_ORDER_TABLE} (id, high_ms, max_lag_ms) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET high_ms = excluded.high_ms, max_lag_ms = excluded.max_lag_ms`,
        ).run(order.highMs, order.maxLagMs);
      },
    };
  }),
};
