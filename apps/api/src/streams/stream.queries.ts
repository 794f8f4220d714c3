import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { parseStreamId } from '@blue-ledger/domain';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import { asOfFields, notRecorded, NOW, upToOf, type ReadPoint } from '../as-of/read-point';
import { envelopeJson } from '../http/envelope';
import { ProblemException } from '../problems/problem.exception';

/**
 * One stream's events with full envelopes, in revision order, read from the store itself: all
 * of them, or as known at the point (those up to its position).
 */
export class StreamEventsQuery {
  constructor(
    readonly streamId: string,
    readonly page: { limit?: number; after?: string },
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(StreamEventsQuery)
export class StreamEventsHandler implements IQueryHandler<StreamEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ streamId, page, point }: StreamEventsQuery) {
    const notFound = () => notRecorded('stream_not_found', `No stream ${streamId}`, point);
    if (!parseStreamId(streamId)) throw notFound();
    const after = page.after === undefined ? undefined : parseCursor(page.after);
    const limit = page.limit ?? 100;
    const read = await this.store.readStream(streamId, {
      fromRevision: after === undefined ? 'start' : after + 1n,
      maxCount: limit + 1,
    });
    // A stream's positions grow with its revisions: what was recorded after the point comes last.
    const upTo = upToOf(point);
    const events = upTo === undefined ? read : read.filter((e) => e.globalPosition <= upTo);
    if (events.length === 0 && after === undefined) throw notFound();
    const pageEvents = events.slice(0, limit);
    const last = pageEvents.at(-1);
    return {
      streamId,
      events: pageEvents.map(envelopeJson),
      next: events.length > limit && last ? String(last.streamRevision) : null,
      ...asOfFields(point),
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
