import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import type { DeadlineKind, DeadlineStatus } from '@blue-ledger/domain';
import { LEDGER_CONFIG, READ_MODELS, type LedgerConfig } from '@blue-ledger/runtime';
import { readModels } from '../infrastructure/read-models';

export class DeadlineListingQuery {
  constructor(
    readonly filter: {
      status?: DeadlineStatus;
      kind?: DeadlineKind;
      country?: string;
      mission?: string;
      startedFrom?: number;
      startedBefore?: number;
    },
    readonly page: { limit?: number; after?: string },
  ) {}
}

@QueryHandler(DeadlineListingQuery)
export class DeadlineListingHandler implements IQueryHandler<DeadlineListingQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ filter, page }: DeadlineListingQuery) {
    return readModels.listDeadlines(this.db, filter, page, this.config.deadlines);
  }
}

export const DeadlineQueryHandlers = [DeadlineListingHandler];
