import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import { READ_MODELS } from '@blue-ledger/runtime';
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
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ contingentId }: ContingentHistoryQuery) {
    return readModels.contingentHistory(this.db, contingentId);
  }
}

export const ContingentQueryHandlers = [ContingentListingHandler, ContingentHistoryHandler];
