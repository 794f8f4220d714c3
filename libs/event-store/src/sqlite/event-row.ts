import type { ProposedEvent, RecordedEvent } from '../event-store.port';

/**
 * One row of the events table. The store reads with safe integers (INTEGER columns come back
 * as bigint); readers that use plain numbers (read models, tests) say `EventRow<number>`.
 */
export interface EventRow<Integer extends bigint | number = bigint> {
  global_position: Integer;
  event_id: string;
  stream_id: string;
  stream_revision: Integer;
  type: string;
  schema_version: Integer;
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

export const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, recorded_at, ' +
  'occurred_at, actor_id, actor_role, correlation_id, causation_id, data, prev_hash, hash';

export function toRecordedEvent(row: EventRow): RecordedEvent {
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
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
  };
  if (row.occurred_at !== null) event.occurredAt = row.occurred_at;
  return event;
}

/** Parameters of the insert statement, in its column order. */
export function insertParameters(
  streamId: string,
  streamRevision: bigint,
  event: ProposedEvent,
): unknown[] {
  return [
    event.eventId,
    streamId,
    streamRevision,
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
