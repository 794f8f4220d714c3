import type { ProposedEvent, RecordedEvent } from './event-store.port';

/** The columns of an events table (the embedded store's, Postgres's, the read models' envelopes). */
export const EVENT_COLUMN_NAMES = [
  'global_position',
  'event_id',
  'stream_id',
  'stream_revision',
  'type',
  'schema_version',
  'recorded_at',
  'occurred_at',
  'actor_id',
  'actor_role',
  'correlation_id',
  'causation_id',
  'data',
  'prev_hash',
  'hash',
] as const;

/** The same columns, as a select list. */
export const EVENT_COLUMNS = EVENT_COLUMN_NAMES.join(', ');

/**
 * One row of an events table. Its integers come as the driver gives them: the embedded store
 * reads with safe integers (bigint, the default); node-postgres gives bigint columns as strings
 * and integer ones as numbers (`EventRow<string, number>`); the read models and tests read plain
 * numbers (`EventRow<number>`).
 */
export interface EventRow<
  Position extends bigint | number | string = bigint,
  Version extends bigint | number = Position extends string ? number : Position,
> {
  global_position: Position;
  event_id: string;
  stream_id: string;
  stream_revision: Position;
  type: string;
  schema_version: Version;
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

/** The event a row holds, as every adapter's reads answer it. */
export function toRecordedEvent(
  row: EventRow<bigint | number | string, bigint | number>,
): RecordedEvent {
  const event: RecordedEvent = {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data) as Record<string, unknown>,
    recordedAt: row.recorded_at,
    actor: { id: row.actor_id, role: row.actor_role },
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
    streamId: row.stream_id,
    streamRevision: BigInt(row.stream_revision),
    globalPosition: BigInt(row.global_position),
  };
  if (row.occurred_at !== null) event.occurredAt = row.occurred_at;
  return event;
}

/** An event's values for the columns after `stream_revision` (`type` to `hash`), in order. */
export function envelopeValuesOf(event: ProposedEvent): unknown[] {
  return [
    event.type,
    event.schemaVersion,
    event.recordedAt,
    event.occurredAt ?? null,
    event.actor.id,
    event.actor.role,
    event.correlationId,
    event.causationId,
    JSON.stringify(event.data),
    event.prevHash,
    event.hash,
  ];
}

/** A recorded event's values for every column, in the order of `EVENT_COLUMN_NAMES`. */
export function rowValuesOf(event: RecordedEvent): unknown[] {
  return [
    event.globalPosition,
    event.eventId,
    event.streamId,
    event.streamRevision,
    ...envelopeValuesOf(event),
  ];
}
