import {
  ENVELOPES,
  envelopeColumnsOf,
  recordedEventOf,
  type EnvelopeRow,
} from '../audit-trail/event-envelopes';
import type { SqliteDatabase } from '../sqlite/database';
import { boundMillis } from '../support/time';
import { TIMELINE_ENTRIES_TABLE } from './incident-timeline.projection';
import { timelineEntryOf, type TimelineEntry } from './timeline-entry';

/** `occurred`: as it happened in the world; `recorded`: as the ledger learnt it. */
export type TimelineOrder = 'occurred' | 'recorded';

export interface TimelineQuery {
  /** Only what had been recorded by this instant (ISO 8601), links included. */
  asOf?: string;
  /** Defaults to `occurred`. */
  order?: TimelineOrder;
}

export interface IncidentTimeline {
  incidentId: string;
  asOf: string | null;
  order: TimelineOrder;
  /** Empty when nothing about the incident was known (or it does not exist). */
  entries: TimelineEntry[];
}

const ORDER_BY: Record<TimelineOrder, string> = {
  occurred: 't.occurred_ms, t.position',
  recorded: 't.recorded_ms, t.position',
};

/**
 * The incident and everything linked to it: its own events, its investigations and all that
 * happened in them, the decisions answering their recommendations, the notifications about any
 * of these and the replies. With `asOf`, the timeline as it was known at that instant. Reads
 * the incident-timeline read model and, for the envelopes, the audit trail.
 */
export function getTimeline(
  db: SqliteDatabase,
  incidentId: string,
  query: TimelineQuery = {},
): IncidentTimeline {
  const order = query.order ?? 'occurred';
  if (!(order in ORDER_BY)) throw new RangeError(`order must be occurred or recorded: ${order}`);
  const asOf = query.asOf ?? null;
  const known = asOf === null ? '' : 'AND t.known_ms <= ?';
  const params: (string | number)[] = [incidentId];
  if (asOf !== null) params.push(boundMillis(asOf, 'asOf'));
  const rows = db
    .prepare(
      `SELECT ${envelopeColumnsOf('e')} FROM ${TIMELINE_ENTRIES_TABLE} t
       JOIN ${ENVELOPES} e ON e.global_position = t.position
       WHERE t.incident_id = ? ${known} ORDER BY ${ORDER_BY[order]}`,
    )
    .all(...params) as EnvelopeRow[];
  const entries = rows.map((row) => timelineEntryOf(recordedEventOf(row)));
  return { incidentId, asOf, order, entries };
}
