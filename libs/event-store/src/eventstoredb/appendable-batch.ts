import { DuplicateEventIdError } from '../errors';
import type { ProposedEvent } from '../event-store.port';

/** What every adapter refuses before it touches the store: an empty batch, an id used twice in it. */
export function assertAppendableBatch(events: ProposedEvent[]): void {
  if (events.length === 0) throw new RangeError('an append needs at least one event');
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId)) throw new DuplicateEventIdError(eventId, 'appears twice in one batch');
    seen.add(eventId);
  }
}
