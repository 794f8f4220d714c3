import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  getContingentState,
  getNotificationsAwaitingReply,
  listContingents,
} from '@blue-ledger/projections';
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

/** The notifications to a country's units that no reply answers yet, the oldest first. */
export class NotificationsAwaitingReplyQuery {
  constructor(readonly country: string) {}
}

@QueryHandler(NotificationsAwaitingReplyQuery)
export class NotificationsAwaitingReplyHandler implements IQueryHandler<NotificationsAwaitingReplyQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ country }: NotificationsAwaitingReplyQuery) {
    const contingentIds: string[] = [];
    for (let after: number | undefined = undefined; ;) {
      const page = listContingents(this.db, { country, after, limit: 1000 });
      contingentIds.push(...page.items.map((c) => c.contingentId));
      if (page.next === null) break;
      after = page.next;
    }
    return { items: getNotificationsAwaitingReply(this.db, contingentIds) };
  }
}

/** The current state of each of these contingents (designation, country, mission), those that exist. */
export class ContingentStatesQuery {
  constructor(readonly contingentIds: readonly string[]) {}
}

@QueryHandler(ContingentStatesQuery)
export class ContingentStatesHandler implements IQueryHandler<ContingentStatesQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ contingentIds }: ContingentStatesQuery) {
    const items = [...new Set(contingentIds)].flatMap((id) => {
      const state = getContingentState(this.db, id);
      return state ? [state] : [];
    });
    return { items };
  }
}

export const ContingentQueryHandlers = [
  ContingentStatesHandler,
  ContingentListingHandler,
  ContingentHistoryHandler,
  NotificationsAwaitingReplyHandler,
];
