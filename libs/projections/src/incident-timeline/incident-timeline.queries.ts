import { toRecordedEvent } from '@blue-ledger/event-store';
import { ENVELOPES, envelopeColumnsOf, type EnvelopeRow } from '../audit-trail/event-envelopes';
import type { SqliteDatabase } from '../sqlite/database';
import type { Change } from './corrections';
import { TIMELINE_CHANGES_TABLE, TIMELINE_ENTRIES_TABLE } from './incident-timeline.projection';
import { timelineEntryOf, type TimelineEntry } from './timeline-entry';

/** `occurred`: as it happened in the world; `recorded`: as the ledger learnt it. */
export type TimelineOrder = 'occurred' | 'recorded';

export interface TimelineQuery {
  /** As known once the events up to this global position (inclusive) were recorded; now when undefined. */
  upTo?: number;
  /** Defaults to `occurred`. */
  order?: TimelineOrder;
}

export interface IncidentTimeline {
  incidentId: string;
  order: TimelineOrder;
  /** Empty when nothing about the incident was known (or it does not exist). */
  entries: TimelineEntry[];
}

const ORDER_BY: Record<TimelineOrder, string> = {
  occurred: 't.occurred_ms, t.position',
  recorded: 't.recorded_ms, t.position',
};

type EntryRow = EnvelopeRow & { changes: string | null; reason: string | null };

/**
 * The incident and everything linked to it: its own events, its investigations and all that
 * happened in them, the decisions answering their recommendations, the notifications about any
 * of these and the replies; each correction with what it changed. With `upTo`, the timeline as
 * it was known once the events up to that position were recorded. Reads the incident-timeline
 * read model and, for the envelopes, the audit trail.
 */
export function getTimeline(
  db: SqliteDatabase,
  incidentId: string,
  query: TimelineQuery = {},
): IncidentTimeline {
  const order = query.order ?? 'occurred';
  if (!(order in ORDER_BY)) throw new RangeError(`order must be occurred or recorded: ${order}`);
  const known = query.upTo === undefined ? '' : 'AND t.position <= ?';
  const params: (string | number)[] = [incidentId];
  if (query.upTo !== undefined) params.push(query.upTo);
  const rows = db
    .prepare(
      `SELECT ${envelopeColumnsOf('e')}, c.changes, c.reason FROM ${TIMELINE_ENTRIES_TABLE} t
       JOIN ${ENVELOPES} e ON e.global_position = t.position
       LEFT JOIN ${TIMELINE_CHANGES_TABLE} c ON c.position = t.position
       WHERE t.incident_id = ? ${known} ORDER BY ${ORDER_BY[order]}`,
    )
    .all(...params) as EntryRow[];
  const entries = rows.map((row) => {
    const entry = timelineEntryOf(toRecordedEvent(row));
    if (row.changes === null) return entry;
    return { ...entry, changes: JSON.parse(row.changes) as Change[], reason: row.reason };
  });
  return { incidentId, order, entries };
}
