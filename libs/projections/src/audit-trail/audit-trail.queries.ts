import { EVENT_COLUMNS, type Actor } from '@blue-ledger/event-store';
import type { SqliteDatabase } from '../sqlite/database';
import { pageOf, pageSize, readVisible } from '../sqlite/page';
import { idsParameter, type VisibleOnly } from '../sqlite/visible-only';
import { boundMillis } from '../support/time';
import { RECORDED_TIME } from './audit-trail.projection';
import { ENVELOPES, type EnvelopeRow } from './event-envelopes';

/** An event's whole envelope, as JSON can carry it: revision and position as numbers. */
export interface AuditEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamRevision: number;
  globalPosition: number;
  recordedAt: string;
  occurredAt?: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  /** As stored: the schema version it was written in, personal field included. */
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditTrailQuery {
  streamId?: string;
  actorId?: string;
  type?: string;
  /** Events recorded by the same request (the web pages' audit filter). */
  correlationId?: string;
  /** Recorded at or after this instant (ISO 8601). */
  from?: string;
  /** Recorded at or before this instant (ISO 8601). */
  to?: string;
  /** Cursor: only events after this global position. */
  after?: number;
  limit?: number;
  /** As known once the events up to this global position (inclusive) were recorded: those only. */
  upTo?: number;
  /** Only the events of the visible aggregates' streams (and missions') that the reader may see. */
  visible?: VisibleOnly;
}

export interface AuditTrailPage {
  events: AuditEvent[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

/**
 * Every event in the global order, filtered, one page at a time. `from` and `to` filter on each
 * event's own stamp; `upTo` is the record as known at an instant (see resolveAsOf): the
 * events up to that position, a prefix of the global order.
 */
export function getAuditTrail(db: SqliteDatabase, query: AuditTrailQuery = {}): AuditTrailPage {
  // Filtered on time alone, read the time window by its index and sort it, rather than walk
  // the whole trail in order until the window comes (SQLite's choice without the hint).
  const onlyTime =
    (query.from ?? query.to) !== undefined &&
    query.streamId === undefined &&
    query.actorId === undefined &&
    query.type === undefined &&
    query.correlationId === undefined;
  const position = onlyTime ? '+global_position' : 'global_position';
  const conditions: string[] = [`${position} > ?`];
  const params: (string | number)[] = [query.after ?? -1];
  const where = (condition: string, value: string | number) => {
    conditions.push(condition);
    params.push(value);
  };
  if (query.upTo !== undefined) where(`${position} <= ?`, query.upTo);
  if (query.streamId !== undefined) where('stream_id = ?', query.streamId);
  if (query.actorId !== undefined) where('actor_id = ?', query.actorId);
  if (query.type !== undefined) where('type = ?', query.type);
  if (query.correlationId !== undefined) where('correlation_id = ?', query.correlationId);
  if (query.from !== undefined)
    where(`${RECORDED_TIME} >= julianday(?)`, instant(query.from, 'from'));
  if (query.to !== undefined) where(`${RECORDED_TIME} <= julianday(?)`, instant(query.to, 'to'));
  const visible = query.visible;
  if (visible) {
    // The streams of the visible aggregates, and the missions' (shared by every country).
    conditions.push(`(stream_id IN (
        SELECT kind.prefix || ids.value FROM json_each(?) ids,
          (SELECT 'contingent-' AS prefix UNION ALL SELECT 'incident-'
           UNION ALL SELECT 'investigation-' UNION ALL SELECT 'decision-') kind)
      OR (stream_id >= 'mission-' AND stream_id < 'mission.'))`);
    params.push(idsParameter(visible));
  }
  const size = pageSize(query.limit);
  const statement = db.prepare(
    `SELECT ${EVENT_COLUMNS} FROM ${ENVELOPES}
     WHERE ${conditions.join(' AND ')} ORDER BY ${position} LIMIT ?`,
  );
  const [, ...rest] = params;
  const rows = readVisible(
    (after, count) => statement.all(after, ...rest, count) as EnvelopeRow[],
    (row) => row.global_position,
    (row) => !visible || visible.shows(auditEventOf(row)),
    query.after ?? -1,
    size + 1,
  );
  const { items, next } = pageOf(rows, size, (row) => row.global_position, auditEventOf);
  return { events: items, next };
}

/** One event by its global position, or null. */
export function getAuditEvent(db: SqliteDatabase, position: number): AuditEvent | null {
  const row = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM ${ENVELOPES} WHERE global_position = ?`)
    .get(position) as EnvelopeRow | undefined;
  return row === undefined ? null : auditEventOf(row);
}

/** A time bound as SQLite's date functions read it: checked here, as UTC. */
const instant = (iso: string, field: string): string =>
  new Date(boundMillis(iso, field)).toISOString();

function auditEventOf(row: EnvelopeRow): AuditEvent {
  const event: AuditEvent = {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
    recordedAt: row.recorded_at,
    actor: { id: row.actor_id, role: row.actor_role },
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (row.occurred_at !== null) event.occurredAt = row.occurred_at;
  return event;
}

/**
 * The events at the given global positions, in global order, one page at a time: the records a
 * figure counts (see fairness.queries.ts). With `visible`, only events the reader may see.
 */
export function getAuditEventsAt(
  db: SqliteDatabase,
  positions: readonly number[],
  query: { after?: number; limit?: number; visible?: VisibleOnly } = {},
): AuditTrailPage {
  const size = pageSize(query.limit);
  const wanted = [...new Set(positions)]
    .filter((position) => position > (query.after ?? -1))
    .sort((a, b) => a - b);
  const statement = db.prepare(
    `SELECT ${EVENT_COLUMNS} FROM ${ENVELOPES}
     WHERE global_position IN (SELECT value FROM json_each(?)) ORDER BY global_position`,
  );
  const rows: EnvelopeRow[] = [];
  for (let start = 0; start < wanted.length && rows.length <= size; start += size + 1) {
    const batch = statement.all(
      JSON.stringify(wanted.slice(start, start + size + 1)),
    ) as EnvelopeRow[];
    const visible = query.visible;
    rows.push(...batch.filter((row) => !visible || visible.shows(auditEventOf(row))));
  }
  const { items, next } = pageOf(rows, size, (row) => row.global_position, auditEventOf);
  return { events: items, next };
}

/** One event by its event id (a causation id names the event that caused another), or null. */
export function getAuditEventById(db: SqliteDatabase, eventId: string): AuditEvent | null {
  const row = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM ${ENVELOPES} WHERE event_id = ?`)
    .get(eventId) as EnvelopeRow | undefined;
  return row === undefined ? null : auditEventOf(row);
}

/** The last `limit` events recorded (up to position `upTo`, when given), the latest first. */
export function getLatestEvents(db: SqliteDatabase, limit: number, upTo?: number): AuditEvent[] {
  const rows = db
    .prepare(
      `SELECT ${EVENT_COLUMNS} FROM ${ENVELOPES}
       WHERE global_position <= ? ORDER BY global_position DESC LIMIT ?`,
    )
    .all(upTo ?? Number.MAX_SAFE_INTEGER, pageSize(limit)) as EnvelopeRow[];
  return rows.map(auditEventOf);
}
