import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  getAuditEvent,
  getAuditEventById,
  getLatestEvents,
  type VisibleOnly,
} from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import { READ_MODELS } from '@blue-ledger/runtime';
import { asOfFields, NOW, upToOf, type ReadPoint } from '../as-of/read-point';
import { readModels, type AuditFilter } from '../infrastructure/read-models';

export class AuditTrailQuery {
  constructor(
    readonly filter: AuditFilter,
    readonly page: { limit?: number; after?: string },
    readonly point: ReadPoint = NOW,
    readonly visible?: VisibleOnly,
  ) {}
}

@QueryHandler(AuditTrailQuery)
export class AuditTrailHandler implements IQueryHandler<AuditTrailQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ filter, page, point, visible }: AuditTrailQuery) {
    return {
      ...readModels.auditTrail(this.db, filter, page, upToOf(point), visible),
      ...asOfFields(point),
    };
  }
}

/** The last events recorded, the latest first. */
export class LatestEventsQuery {
  constructor(
    readonly limit: number,
    readonly point: ReadPoint = NOW,
  ) {}
}

/** One event of the audit trail by its global position; null when there is none. */
export class EventAtPositionQuery {
  constructor(readonly position: number) {}
}

/** One event of the audit trail by its event id; null when there is none. */
export class EventByIdQuery {
  constructor(readonly eventId: string) {}
}

@QueryHandler(EventByIdQuery)
export class EventByIdHandler implements IQueryHandler<EventByIdQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ eventId }: EventByIdQuery) {
    return { event: getAuditEventById(this.db, eventId) };
  }
}

@QueryHandler(LatestEventsQuery)
export class LatestEventsHandler implements IQueryHandler<LatestEventsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ limit, point }: LatestEventsQuery) {
    return { events: getLatestEvents(this.db, limit, upToOf(point)), ...asOfFields(point) };
  }
}

@QueryHandler(EventAtPositionQuery)
export class EventAtPositionHandler implements IQueryHandler<EventAtPositionQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ position }: EventAtPositionQuery) {
    return { event: getAuditEvent(this.db, position) };
  }
}

export const AuditQueryHandlers = [
  AuditTrailHandler,
  LatestEventsHandler,
  EventAtPositionHandler,
  EventByIdHandler,
];
