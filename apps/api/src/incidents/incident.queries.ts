import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateReader } from '@blue-ledger/command-handling';
import { incidentDecider, streamIds } from '@blue-ledger/domain';
import {
  InvalidCursorError,
  searchIncidents,
  type IncidentSearch,
  type VisibleOnly,
} from '@blue-ledger/projections';
import { READ_MODELS } from '@blue-ledger/runtime';
import type { Database } from 'better-sqlite3';
import { asOfFields, notRecorded, NOW, upToOf, type ReadPoint } from '../as-of/read-point';
import { readModels } from '../infrastructure/read-models';
import { ProblemException } from '../problems/problem.exception';

/** One incident, folded from its stream, now or as known at the point. */
export class IncidentQuery {
  constructor(
    readonly incidentId: string,
    readonly point: ReadPoint = NOW,
  ) {}
}

export class IncidentListingQuery {
  constructor(
    readonly filter: { mission?: string; category?: string; status?: 'open' | 'closed' },
    readonly page: { limit?: number; after?: string },
    readonly point: ReadPoint = NOW,
    readonly visible?: VisibleOnly,
  ) {}
}

export class IncidentTimelineQuery {
  constructor(
    readonly incidentId: string,
    readonly order: 'occurred' | 'recorded',
    readonly point: ReadPoint = NOW,
  ) {}
}

/** Incidents by any of their facts and times, in any of four orders (the web pages' list and CSV), now or as known at the point. */
export class IncidentSearchQuery {
  constructor(
    readonly search: Omit<IncidentSearch, 'upTo'>,
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(IncidentQuery)
export class IncidentHandler implements IQueryHandler<IncidentQuery> {
  constructor(private readonly reader: AggregateReader) {}
  async execute({ incidentId, point }: IncidentQuery) {
    const { state, revision } = await this.reader.load(
      streamIds.incident(incidentId),
      incidentDecider,
      { upTo: upToOf(point) },
    );
    if (revision === null) {
      throw notRecorded('incident_not_found', `No incident ${incidentId} is recorded`, point);
    }
    return { ...state, incidentId, revision, ...asOfFields(point) };
  }
}

@QueryHandler(IncidentListingQuery)
export class IncidentListingHandler implements IQueryHandler<IncidentListingQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ filter, page, point, visible }: IncidentListingQuery) {
    return {
      ...readModels.listIncidents(this.db, filter, page, upToOf(point), visible),
      ...asOfFields(point),
    };
  }
}

@QueryHandler(IncidentTimelineQuery)
export class IncidentTimelineHandler implements IQueryHandler<IncidentTimelineQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly reader: AggregateReader,
  ) {}
  async execute({ incidentId, order, point }: IncidentTimelineQuery) {
    if (!(await this.reader.exists(streamIds.incident(incidentId)))) {
      throw new ProblemException(
        404,
        'incident_not_found',
        `No incident ${incidentId} is recorded.`,
      );
    }
    const timeline = readModels.incidentTimeline(this.db, incidentId, {
      order,
      upTo: upToOf(point),
    });
    return { ...timeline, ...asOfFields(point) };
  }
}

@QueryHandler(IncidentSearchQuery)
export class IncidentSearchHandler implements IQueryHandler<IncidentSearchQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ search, point }: IncidentSearchQuery) {
    try {
      return {
        ...searchIncidents(this.db, { ...search, upTo: upToOf(point) }),
        ...asOfFields(point),
      };
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
  IncidentHandler,
  IncidentListingHandler,
  IncidentTimelineHandler,
  IncidentSearchHandler,
];
