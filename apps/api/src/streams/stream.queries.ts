import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { parseStreamId } from '@blue-ledger/domain';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import { envelopeJson } from '../http/envelope';
import { ProblemException } from '../problems/problem.exception';

/** One stream's events with full envelopes, in revision order, read from the store itself. */
export class StreamEventsQuery {
  constructor(
    readonly streamId: string,
    readonly page: { limit?: number; after?: string },
  ) {}
}

@QueryHandler(StreamEventsQuery)
export class StreamEventsHandler implements IQueryHandler<StreamEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ streamId, page }: StreamEventsQuery) {
    if (!parseStreamId(streamId)) {
      throw new ProblemException(404, 'stream_not_found', `No stream ${streamId}.`);
    }
    const after = page.after === undefined ? undefined : parseCursor(page.after);
    const limit = page.limit ?? 100;
    const events = await this.store.readStream(streamId, {
      fromRevision: after === undefined ? 'start' : after + 1n,
      maxCount: limit + 1,
    });
    if (events.length === 0 && after === undefined) {
      throw new ProblemException(404, 'stream_not_found', `No stream ${streamId}.`);
    }
    const pageEvents = events.slice(0, limit);
    const last = pageEvents.at(-1);
    return {
      streamId,
      events: pageEvents.map(envelopeJson),
      next: events.length > limit && last ? String(last.streamRevision) : null,
    };
  }
}

function parseCursor(after: string): bigint {
  if (!/^\d{1,18}$/.test(after)) {
    throw new ProblemException(400, 'validation_failed', 'after must be a revision from `next`.', [
      { field: 'after', reason: 'must be a non-negative integer cursor' },
    ]);
  }
  return BigInt(after);
}

export const StreamQueryHandlers = [StreamEventsHandler];
