import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { VisibleOnly } from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import { READ_MODELS } from '@blue-ledger/runtime';
import { readModels } from '../infrastructure/read-models';

export class IncidentListingQuery {
  constructor(
    readonly filter: { mission?: string; category?: string; status?: 'open' | 'closed' },
    readonly page: { limit?: number; after?: string },
    readonly visible?: VisibleOnly,
  ) {}
}

export class IncidentTimelineQuery {
  constructor(
    readonly incidentId: string,
    readonly asOf: string | undefined,
    readonly order: 'occurred' | 'recorded',
  ) {}
}

@QueryHandler(IncidentListingQuery)
export class IncidentListingHandler implements IQueryHandler<IncidentListingQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ filter, page, visible }: IncidentListingQuery) {
    return readModels.listIncidents(this.db, filter, page, visible);
  }
}

@QueryHandler(IncidentTimelineQuery)
export class IncidentTimelineHandler implements IQueryHandler<IncidentTimelineQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ incidentId, asOf, order }: IncidentTimelineQuery) {
    return readModels.incidentTimeline(this.db, incidentId, { asOf, order });
  }
}

export const IncidentQueryHandlers = [IncidentListingHandler, IncidentTimelineHandler];
