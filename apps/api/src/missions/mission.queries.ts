import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import type { Database } from 'better-sqlite3';
import { LEDGER_CONFIG, READ_MODELS, type LedgerConfig } from '@blue-ledger/runtime';
import { readModels } from '../infrastructure/read-models';

/** Every registered mission, in the order registered. */
export class MissionListingQuery {}

export class LeaderHistoryQuery {
  constructor(
    readonly missionCode: string,
    readonly appointmentId: string,
  ) {}
}

@QueryHandler(MissionListingQuery)
export class MissionListingHandler implements IQueryHandler<MissionListingQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async execute() {
    const events = await this.store.readAll({ filter: { eventTypes: ['MissionRegistered'] } });
    return { items: events.map((e) => e.data), next: null };
  }
}

@QueryHandler(LeaderHistoryQuery)
export class LeaderHistoryHandler implements IQueryHandler<LeaderHistoryQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ missionCode, appointmentId }: LeaderHistoryQuery) {
    return readModels.leaderHistory(this.db, missionCode, appointmentId, this.config.deadlines);
  }
}

export const MissionQueryHandlers = [MissionListingHandler, LeaderHistoryHandler];
