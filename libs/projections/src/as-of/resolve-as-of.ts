import type { SqliteDatabase } from '../sqlite/database';
import { boundMillis } from '../support/time';
import { lastRecordedBy } from './recorded-order.projection';

/** An instant of recorded time, resolved to the position of the global order it stands for. */
export interface ResolvedAsOf {
  /** The instant, in UTC to the millisecond. */
  asOf: string;
  /** The last position recorded by then; null when nothing was (before the first event). */
  position: number | null;
}

/**
 * The record as known at the instant T is the fold of the global order up to P(T), the last
 * position whose `recordedAt` is at or before T: a prefix of the global order, whatever the
 * stamps (an event stamped a moment after T but appended before one stamped by T counts as
 * known). Resolved by one index lookup in the recorded-order read model, and capped at
 * `through`, the position every read model has reached (an instant in the future resolves to
 * it); null before the first event or when the read models hold nothing.
 */
export function resolveAsOf(
  db: SqliteDatabase,
  instant: string,
  through: number | null,
): ResolvedAsOf {
  const millis = boundMillis(instant, 'asOf');
  const asOf = new Date(millis).toISOString();
  if (through === null) return { asOf, position: null };
  const last = lastRecordedBy(db, millis);
  return { asOf, position: last === null ? null : Math.min(last, through) };
}
