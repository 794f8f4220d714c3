import type { ProposedEvent, RecordedEvent } from '../event-store.port';

/** One row of the events table as node-postgres returns it: bigint columns come as strings. */
export interface PostgresEventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_revision: string;
  type: string;
  schema_version: number;
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

export function toRecordedEvent(row: PostgresEventRow): RecordedEvent {
  const event: RecordedEvent = {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
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

/** A batch as parallel arrays, one per column, in the order `append_to_stream` takes them. */
export function batchColumns(events: readonly ProposedEvent[]): unknown[][] {
  return [
    events.map((e) => e.eventId),
    events.map((e) => e.type),
    events.map((e) => e.schemaVersion),
    events.map((e) => e.recordedAt),
    events.map((e) => e.occurredAt ?? null),
    events.map((e) => e.actor.id),
    events.map((e) => e.actor.role),
    events.map((e) => e.correlationId),
    events.map((e) => e.causationId),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => e.prevHash),
    events.map((e) => e.hash),
  ];
}
