import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import type { DeadlineKind, DeadlineStatus } from '@blue-ledger/domain';
import { LEDGER_CONFIG, READ_MODELS, type LedgerConfig } from '@blue-ledger/runtime';
import { asOfFields, clockOf, NOW, upToOf, type ReadPoint } from '../as-of/read-point';
import { readModels } from '../infrastructure/read-models';

/**
 * Deadlines now, or as known at the point: the deadlines and what met them as recorded by then,
 * each with its status at that instant (a meeting recorded later does not count).
 */
export class DeadlineListingQuery {
  constructor(
    readonly filter: {
      status?: DeadlineStatus;
      kind?: DeadlineKind;
      country?: string;
      mission?: string;
    },
    readonly page: { limit?: number; after?: string },
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(DeadlineListingQuery)
export class DeadlineListingHandler implements IQueryHandler<DeadlineListingQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ filter, page, point }: DeadlineListingQuery) {
    return {
      ...readModels.listDeadlines(
        this.db,
        filter,
        page,
        this.config.deadlines,
        upToOf(point),
        clockOf(point),
      ),
      ...asOfFields(point),
    };
  }
}

export const DeadlineQueryHandlers = [DeadlineListingHandler];
