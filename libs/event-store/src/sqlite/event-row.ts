import type { ProposedEvent } from '../event-store.port';

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
