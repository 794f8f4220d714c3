import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';

/** Every registered mission, in the order registered. */
export class MissionListingQuery {}

@QueryHandler(MissionListingQuery)
export class MissionListingHandler implements IQueryHandler<MissionListingQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async execute() {
    const events = await this.store.readAll({ filter: { eventTypes: ['MissionRegistered'] } });
    return { items: events.map((e) => e.data), next: null };
  }
}

export const MissionQueryHandlers = [MissionListingHandler];
