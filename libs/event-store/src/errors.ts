import type { ExpectedRevision } from './event-store.port';

/** A stale or otherwise wrong expected revision: the write is rejected, never merged. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId} expected revision ${String(expected)} but is at ${String(actual)}`);
  }
}

/** An append reused event ids that already stand elsewhere, or only some of a batch's ids. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly eventId: string,
    detail: string,
  ) {
    super(`event ${eventId}: ${detail}`);
  }
}

/**
 * The store could not be reached, after a few quick retries. An append's outcome is then
 * unknown (the connection may have dropped after its commit): repeating it with the same event
 * ids is safe, since a batch that already stands answers with its original result.
 */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
  constructor(operation: string, cause: unknown) {
    super(
      `the event store is unreachable (${operation}): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
