import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { VisibleOnly } from '@blue-ledger/projections';
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

export const AuditQueryHandlers = [AuditTrailHandler];
