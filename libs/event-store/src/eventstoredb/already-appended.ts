import { DuplicateEventIdError } from '../errors';
import type { AppendResult, ProposedEvent, RecordedEvent } from '../event-store.port';

/**
 * Whether this batch is already in the stream. The same ids, in the same order, one after
 * another: it was appended before, and its original result is that of its last event. Some of
 * the ids but not that: a DuplicateEventIdError. None of them: undefined, append it.
 */
export function alreadyAppended(
  streamId: string,
  batch: ProposedEvent[],
  stream: RecordedEvent[],
): AppendResult | undefined {
  const revisionOf = new Map(stream.map((event) => [event.eventId, event]));
  const found = batch.map((event) => revisionOf.get(event.eventId));
  const firstFound = found.findIndex((event) => event !== undefined);
  if (firstFound === -1) return undefined;
  const first = found[0];
  const isOriginalBatch =
    first !== undefined &&
    found.every(
      (event, i) =>
        event !== undefined && event.streamRevision === first.streamRevision + BigInt(i),
    );
  if (!isOriginalBatch) {
    throw new DuplicateEventIdError(
      batch[firstFound].eventId,
      `already appended to ${streamId} at revision ${found[firstFound]?.streamRevision}, in another batch`,
    );
  }
  const last = found[found.length - 1] as RecordedEvent;
  return { nextExpectedRevision: last.streamRevision, position: last.globalPosition };
}
