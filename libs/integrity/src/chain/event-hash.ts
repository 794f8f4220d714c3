import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RecordedEvent } from '@blue-ledger/event-store';

/** The `prevHash` of revision 0: no event comes before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: the whole envelope except its own hash and its global position. */
export type HashableEvent = Omit<RecordedEvent, 'hash' | 'globalPosition'>;

/**
 * The RFC 8785 canonical JSON an event's hash is computed over.
 *
 * The fields are listed rather than copied so that whatever else an adapter attaches to the
 * objects it returns can never change a hash: an offline verifier must be able to rebuild
 * exactly this object from an export.
 */
export function canonicalEventJson(event: HashableEvent): string {
  const covered = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamRevision: revisionAsJsonNumber(event.streamRevision),
    recordedAt: event.recordedAt,
    // A store that has no value writes null; absent and null are the same "no occurred time".
    occurredAt: event.occurredAt ?? undefined,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    data: event.data,
    prevHash: event.prevHash,
  };
  const json = canonicalize(covered);
  if (json === undefined) throw new TypeError(`event ${event.eventId} has no JSON form`);
  return json;
}

/** SHA-256, lower-case hex, of the event's canonical JSON. */
export function hashEvent(event: HashableEvent): string {
  return hash('sha256', canonicalEventJson(event), 'hex');
}

function revisionAsJsonNumber(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`stream revision ${revision} cannot be written as an exact JSON number`);
  }
  return Number(revision);
}
