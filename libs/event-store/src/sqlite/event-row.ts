import { envelopeValuesOf } from '../event-row';
import type { ProposedEvent } from '../event-store.port';

/** Parameters of the insert statement, in its column order. */
export function insertParameters(
  streamId: string,
  streamRevision: bigint,
  event: ProposedEvent,
): unknown[] {
  return [event.eventId, streamId, streamRevision, ...envelopeValuesOf(event)];
}
