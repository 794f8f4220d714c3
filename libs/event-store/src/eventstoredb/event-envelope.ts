import { jsonEvent } from '@eventstore/db-client';
import type {
  EventData,
  JSONType,
  RecordedEvent as ClientRecordedEvent,
} from '@eventstore/db-client';
import type { Actor, ProposedEvent, RecordedEvent } from '../event-store.port';
import { toGlobalPosition } from './global-position';

/**
 * How the envelope is laid out in EventStoreDB: the event id, type and data are the event's
 * own; everything else travels in its JSON metadata, the correlation and causation ids under
 * the keys EventStoreDB's projections and tools know ($correlationId, $causationId).
 */
interface EnvelopeMetadata {
  schemaVersion: number;
  recordedAt: string;
  occurredAt?: string;
  actor: Actor;
  $correlationId: string;
  $causationId: string;
  prevHash: string;
  hash: string;
}

/** EventStoreDB stores event ids as GUIDs and gives them back in this form only. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toEventData(event: ProposedEvent): EventData {
  if (!CANONICAL_UUID.test(event.eventId)) {
    throw new Error(
      `EventStoreDB needs event ids that are UUIDs in lower case, not '${event.eventId}'`,
    );
  }
  const metadata: EnvelopeMetadata = {
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    ...(event.occurredAt === undefined ? {} : { occurredAt: event.occurredAt }),
    actor: { id: event.actor.id, role: event.actor.role },
    $correlationId: event.correlationId,
    $causationId: event.causationId,
    prevHash: event.prevHash,
    hash: event.hash,
  };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata,
  });
}

export function fromRecordedEvent(recorded: ClientRecordedEvent): RecordedEvent {
  if (!recorded.isJson || !isObject(recorded.data) || !isEnvelopeMetadata(recorded.metadata)) {
    throw new Error(
      `event ${recorded.id} in stream ${recorded.streamId} was not written through the event-store port`,
    );
  }
  const metadata = recorded.metadata;
  return {
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion: metadata.schemaVersion,
    data: recorded.data,
    recordedAt: metadata.recordedAt,
    ...(metadata.occurredAt === undefined ? {} : { occurredAt: metadata.occurredAt }),
    actor: { id: metadata.actor.id, role: metadata.actor.role },
    correlationId: metadata.$correlationId,
    causationId: metadata.$causationId,
    prevHash: metadata.prevHash,
    hash: metadata.hash,
    streamId: recorded.streamId,
    streamRevision: recorded.revision,
    globalPosition: toGlobalPosition(recorded.position),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEnvelopeMetadata(value: unknown): value is EnvelopeMetadata {
  return (
    isObject(value) &&
    typeof value.schemaVersion === 'number' &&
    typeof value.recordedAt === 'string' &&
    isObject(value.actor) &&
    typeof value.$correlationId === 'string' &&
    typeof value.$causationId === 'string' &&
    typeof value.prevHash === 'string' &&
    typeof value.hash === 'string'
  );
}
