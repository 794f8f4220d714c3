import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import { LEDGER_CONFIG, READ_MODELS, type LedgerConfig } from '@blue-ledger/runtime';
import { readModels } from '../infrastructure/read-models';

export class ContingentListingQuery {
  constructor(
    readonly filter: { country?: string; mission?: string },
    readonly page: { limit?: number; after?: string },
  ) {}
}

export class ContingentHistoryQuery {
  constructor(readonly contingentId: string) {}
}

@QueryHandler(ContingentListingQuery)
export class ContingentListingHandler implements IQueryHandler<ContingentListingQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ filter, page }: ContingentListingQuery) {
    return readModels.listContingents(this.db, filter, page);
  }
}

@QueryHandler(ContingentHistoryQuery)
export class ContingentHistoryHandler implements IQueryHandler<ContingentHistoryQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ contingentId }: ContingentHistoryQuery) {
    return readModels.contingentHistory(this.db, contingentId, this.config.deadlines);
  }
}

export const ContingentQueryHandlers = [ContingentListingHandler, ContingentHistoryHandler];
