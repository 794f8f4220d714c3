import type { IncidentCategory } from '@blue-ledger/domain';
import type { IncidentStatus, IncidentSummary } from '../documents/incident-summary';
import type { SqliteDatabase } from '../sqlite/database';
import { versionsAt } from '../sqlite/document-table';
import { pageSize } from '../sqlite/page';
import { boundMillis } from '../support/time';
import { incidentSummaries } from './incidents.projection';

/** The orders an incident list can be read in: when the ledger learnt it, or when it happened. */
export const INCIDENT_ORDERS = ['reported', 'reported_desc', 'occurred', 'occurred_desc'] as const;
export type IncidentOrder = (typeof INCIDENT_ORDERS)[number];

export interface IncidentSearch {
  mission?: string;
  category?: IncidentCategory;
  status?: IncidentStatus;
  /** Incidents this contingent was present at. */
  contingentId?: string;
  /** Incidents any of these contingents was present at (a liaison's units). */
  anyOfContingentIds?: readonly string[];
  /** Occurred at or after / at or before (ISO 8601 instants). */
  occurredFrom?: string;
  occurredTo?: string;
  /** Reported to the ledger at or after / at or before (ISO 8601 instants). */
  recordedFrom?: string;
  recordedTo?: string;
  order?: IncidentOrder;
  /** The `next` of the previous page, read in the same order. */
  after?: string;
  limit?: number;
  /** As known once the events up to this global position were applied; now when undefined. */
  upTo?: number;
}

export interface IncidentSearchPage {
  items: IncidentSummary[];
  next: string | null;
}

export class InvalidCursorError extends RangeError {
  override readonly name = 'InvalidCursorError';
}

interface Row {
  position: number;
  occurred_ms: number | null;
  doc: string;
}

/**
 * Incidents filtered on any of their facts and times, in one of four orders, one page at a
 * time, now or as known at the position `upTo`. The cursor holds the sort key of the last row read, so that a page never repeats or
 * skips an incident written meanwhile: the position (`123`) or the occurred time and position
 * (`1455735600000.123`; an incident without a readable occurred time sorts first).
 */
export function searchIncidents(
  db: SqliteDatabase,
  query: IncidentSearch = {},
): IncidentSearchPage {
  const order = query.order ?? 'reported';
  const descending = order.endsWith('_desc');
  const byOccurrence = order.startsWith('occurred');
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const where = (condition: string, ...values: (string | number)[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  // The versions of the summaries that stood at the read point (the current ones by default).
  const versions = versionsAt(query.upTo);
  where(versions.sql, ...versions.params);
  if (query.mission !== undefined) where('mission_code = ?', query.mission);
  if (query.category !== undefined) where('category = ?', query.category);
  if (query.status !== undefined) where('status = ?', query.status);
  if (query.contingentId !== undefined) {
    where(
      `EXISTS (SELECT 1 FROM json_each(doc, '$.contingentIds') WHERE value = ?)`,
      query.contingentId,
    );
  }
  if (query.anyOfContingentIds !== undefined) {
    where(
      `EXISTS (SELECT 1 FROM json_each(doc, '$.contingentIds') WHERE value IN (SELECT value FROM json_each(?)))`,
      JSON.stringify(query.anyOfContingentIds),
    );
  }
  if (query.occurredFrom !== undefined)
    where('occurred_ms >= ?', boundMillis(query.occurredFrom, 'occurredFrom'));
  if (query.occurredTo !== undefined)
    where('occurred_ms <= ?', boundMillis(query.occurredTo, 'occurredTo'));
  if (query.recordedFrom !== undefined)
    where('recorded_ms >= ?', boundMillis(query.recordedFrom, 'recordedFrom'));
  if (query.recordedTo !== undefined)
    where('recorded_ms <= ?', boundMillis(query.recordedTo, 'recordedTo'));

  const comparison = descending ? '<' : '>';
  const direction = descending ? 'DESC' : 'ASC';
  // An unknown occurred time sorts as the lowest key.
  const occurred = 'coalesce(occurred_ms, -9007199254740991)';
  if (query.after !== undefined) {
    const cursor = parseCursor(query.after, byOccurrence);
    if (byOccurrence) {
      where(
        `(${occurred} ${comparison} ? OR (${occurred} = ? AND position ${comparison} ?))`,
        cursor.occurred,
        cursor.occurred,
        cursor.position,
      );
    } else {
      where(`position ${comparison} ?`, cursor.position);
    }
  }
  const orderBy = byOccurrence
    ? `${occurred} ${direction}, position ${direction}`
    : `position ${direction}`;
  const size = pageSize(query.limit);
  const rows = db
    .prepare(
      `SELECT position, occurred_ms, doc FROM ${incidentSummaries.name}
       WHERE ${conditions.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ?`,
    )
    .all(...params, size + 1) as Row[];
  const more = rows.length > size;
  const kept = more ? rows.slice(0, size) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map((row) => JSON.parse(row.doc) as IncidentSummary),
    next: more && last ? cursorOf(last, byOccurrence) : null,
  };
}

const MIN_KEY = -9007199254740991;

function cursorOf(row: Row, byOccurrence: boolean): string {
  return byOccurrence ? `${row.occurred_ms ?? MIN_KEY}.${row.position}` : String(row.position);
}

function parseCursor(after: string, byOccurrence: boolean): { occurred: number; position: number } {
  const match = byOccurrence
    ? /^(-?\d{1,16})\.(\d{1,15})$/.exec(after)
    : /^(-?\d{1,15})$/.exec(after);
  if (!match)
    throw new InvalidCursorError('after must be the `next` of a previous page in the same order');
  return byOccurrence
    ? { occurred: Number(match[1]), position: Number(match[2]) }
    : { occurred: 0, position: Number(match[1]) };
}
