import type { Actor } from '@blue-ledger/event-store';
import type { SqliteDatabase } from '../sqlite/database';
import { pageOf, pageSize } from '../sqlite/page';
import { boundMillis } from '../support/time';
import { AUDIT_TRAIL_TABLE } from './audit-trail.projection';

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
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditTrailQuery {
  streamId?: string;
  actorId?: string;
  type?: string;
  /** Recorded at or after this instant (ISO 8601). */
  from?: string;
  /** Recorded at or before this instant (ISO 8601). */
  to?: string;
  /** Cursor: only events after this global position. */
  after?: number;
  limit?: number;
}

export interface AuditTrailPage {
  events: AuditEvent[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

interface AuditRow {
  position: number;
  event_id: string;
  type: string;
  schema_version: number;
  stream_id: string;
  stream_revision: number;
  recorded_at: string;
  occurred_at: string | null;
  actor_id: string;
  actor_role: string;
  correlation_id: string;
  causation_id: string;
  data: string;
  prev_hash: string;
  hash: string;
}

/** Every event in the global order, filtered, one page at a time. */
export function getAuditTrail(db: SqliteDatabase, query: AuditTrailQuery = {}): AuditTrailPage {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const where = (condition: string, value: string | number) => {
    conditions.push(condition);
    params.push(value);
  };
  if (query.after !== undefined) where('position > ?', query.after);
  if (query.streamId !== undefined) where('stream_id = ?', query.streamId);
  if (query.actorId !== undefined) where('actor_id = ?', query.actorId);
  if (query.type !== undefined) where('type = ?', query.type);
  if (query.from !== undefined) where('recorded_ms >= ?', boundMillis(query.from, 'from'));
  if (query.to !== undefined) where('recorded_ms <= ?', boundMillis(query.to, 'to'));
  const size = pageSize(query.limit);
  const rows = db
    .prepare(
      `SELECT * FROM ${AUDIT_TRAIL_TABLE}
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY position LIMIT ?`,
    )
    .all(...params, size + 1) as AuditRow[];
  const { items, next } = pageOf(rows, size, (row) => row.position, toAuditEvent);
  return { events: items, next };
}

/** One event by its global position, or null. */
export function getAuditEvent(db: SqliteDatabase, position: number): AuditEvent | null {
  const row = db.prepare(`SELECT * FROM ${AUDIT_TRAIL_TABLE} WHERE position = ?`).get(position) as
    AuditRow | undefined;
  return row === undefined ? null : toAuditEvent(row);
}

function toAuditEvent(row: AuditRow): AuditEvent {
  const event: AuditEvent = {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.position,
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
