import type { RecordedEvent } from '@blue-ledger/event-store';

/** An event's full envelope as JSON: revisions and positions as numbers. */
export function envelopeJson(event: RecordedEvent) {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamRevision: Number(event.streamRevision),
    globalPosition: Number(event.globalPosition),
    recordedAt: event.recordedAt,
    ...(event.occurredAt !== undefined && { occurredAt: event.occurredAt }),
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    data: event.data,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}
