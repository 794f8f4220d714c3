import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  InvalidCursorError,
  searchIncidents,
  type IncidentSearch,
  type VisibleOnly,
} from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import { ProblemException } from '../problems/problem.exception';
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

/** Incidents by any of their facts and times, in any of four orders (the web pages' list and CSV). */
export class IncidentSearchQuery {
  constructor(readonly search: IncidentSearch) {}
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

@QueryHandler(IncidentSearchQuery)
export class IncidentSearchHandler implements IQueryHandler<IncidentSearchQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ search }: IncidentSearchQuery) {
    try {
      return searchIncidents(this.db, search);
    } catch (error) {
      if (error instanceof InvalidCursorError || error instanceof RangeError) {
        throw new ProblemException(400, 'validation_failed', error.message, [
          { field: error instanceof InvalidCursorError ? 'after' : 'time', reason: error.message },
        ]);
      }
      throw error;
    }
  }
}

export const IncidentQueryHandlers = [
  IncidentListingHandler,
  IncidentTimelineHandler,
  IncidentSearchHandler,
];
