import type { ProposedEvent } from '../event-store.port';

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
