import { ENVELOPES } from '../audit-trail/event-envelopes';
import type { SqliteDatabase } from '../sqlite/database';
import { boundMillis } from '../support/time';
import { readRecordedOrder } from './recorded-order.projection';

const DAY_MS = 86_400_000;

/** An instant of recorded time, resolved to the position of the global order it stands for. */
export interface ResolvedAsOf {
  /** The instant, in UTC to the millisecond. */
  asOf: string;
  /** The last position recorded by then; null when nothing was (before the first event). */
  position: number | null;
}

/**
 * The record as known at the instant T is the fold of the global order up to P(T), the last
 * position whose `recordedAt` is at or before T. With every read model written up to
 * `through` (their lowest checkpoint), P(T) is taken among the positions up to there: a T in
 * the future resolves to `through`, a T before the first event to null.
 *
 * By index, in two steps, and exactly whatever the stamps: first the event with the latest
 * `recordedAt` at or before T (ties: the last position), p0 at r0; every later position whose
 * stamp is at or before T was stamped before r0 by less than the most any stamp ever fell
 * behind (`maxLagMs` of the recorded-order read model), so the last position with a stamp in
 * [r0 - maxLag, r0] is P(T). While stamps never decrease (one process) that window is empty.
 */
export function resolveAsOf(
  db: SqliteDatabase,
  instant: string,
  through: number | null,
): ResolvedAsOf {
  const asOf = new Date(boundMillis(instant, 'asOf')).toISOString();
  if (through === null) return { asOf, position: null };
  const latest = db
    .prepare(
      `SELECT global_position AS position, julianday(recorded_at) AS day FROM ${ENVELOPES}
       WHERE julianday(recorded_at) <= julianday(?) AND global_position <= ?
       ORDER BY julianday(recorded_at) DESC, global_position DESC LIMIT 1`,
    )
    .get(asOf, through) as { position: number; day: number } | undefined;
  if (latest === undefined) return { asOf, position: null };
  const { maxLagMs } = readRecordedOrder(db);
  if (maxLagMs === 0) return { asOf, position: latest.position };
  const from = latest.day - (maxLagMs + 1) / DAY_MS;
  const last = db
    .prepare(
      `SELECT max(global_position) FROM ${ENVELOPES}
       WHERE julianday(recorded_at) BETWEEN ? AND ? AND global_position <= ?`,
    )
    .pluck()
    .get(from, latest.day, through) as number;
  return { asOf, position: last };
}
