import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateReader } from '@blue-ledger/command-handling';
import { missionDecider, streamIds } from '@blue-ledger/domain';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import { LEDGER_CONFIG, READ_MODELS, type LedgerConfig } from '@blue-ledger/runtime';
import type { Database } from 'better-sqlite3';
import { asOfFields, clockOf, notRecorded, NOW, upToOf, type ReadPoint } from '../as-of/read-point';
import { readModels } from '../infrastructure/read-models';

/** Every registered mission, in the order registered, now or as known at the point. */
export class MissionListingQuery {
  constructor(readonly point: ReadPoint = NOW) {}
}

/** One mission, folded from its stream, now or as known at the point. */
export class MissionQuery {
  constructor(
    readonly code: string,
    readonly point: ReadPoint = NOW,
  ) {}
}

/** A leader's accountability history, now or as known at the point. */
export class LeaderHistoryQuery {
  constructor(
    readonly missionCode: string,
    readonly appointmentId: string,
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(MissionListingQuery)
export class MissionListingHandler implements IQueryHandler<MissionListingQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async execute({ point }: MissionListingQuery) {
    const upTo = upToOf(point);
    const events = await this.store.readAll({ filter: { eventTypes: ['MissionRegistered'] } });
    const known = upTo === undefined ? events : events.filter((e) => e.globalPosition <= upTo);
    return { items: known.map((e) => e.data), next: null, ...asOfFields(point) };
  }
}

/** The mission with its leadership over time (each appointment and its departure), as of the point. */
@QueryHandler(MissionQuery)
export class MissionHandler implements IQueryHandler<MissionQuery> {
  constructor(private readonly reader: AggregateReader) {}
  async execute({ code, point }: MissionQuery) {
    const { state, revision } = await this.reader.load(streamIds.mission(code), missionDecider, {
      upTo: upToOf(point),
    });
    if (revision === null || state.status !== 'registered') {
      throw notRecorded('mission_not_found', `No mission ${code} is registered`, point);
    }
    const { status: _status, leadership, ...mission } = state;
    const overTime = [...leadership].sort(
      (a, b) => Date.parse(a.appointedAt) - Date.parse(b.appointedAt),
    );
    return { ...mission, leadership: overTime, revision, ...asOfFields(point) };
  }
}

@QueryHandler(LeaderHistoryQuery)
export class LeaderHistoryHandler implements IQueryHandler<LeaderHistoryQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ missionCode, appointmentId, point }: LeaderHistoryQuery) {
    const history = readModels.leaderHistory(
      this.db,
      missionCode,
      appointmentId,
      this.config.deadlines,
      upToOf(point),
      clockOf(point),
    );
    if (history === null) {
      throw notRecorded(
        'appointment_not_found',
        `No appointment ${appointmentId} is recorded in mission ${missionCode}`,
        point,
      );
    }
    return { ...history, ...asOfFields(point) };
  }
}

export const MissionQueryHandlers = [MissionListingHandler, MissionHandler, LeaderHistoryHandler];
