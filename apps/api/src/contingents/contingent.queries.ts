import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateReader } from '@blue-ledger/command-handling';
import { contingentDecider, streamIds, strengthOverTime } from '@blue-ledger/domain';
import {
  getContingentState,
  getNotificationsAwaitingReply,
  listContingents,
} from '@blue-ledger/projections';
import { LEDGER_CONFIG, READ_MODELS, type LedgerConfig } from '@blue-ledger/runtime';
import type { Database } from 'better-sqlite3';
import { asOfFields, clockOf, notRecorded, NOW, upToOf, type ReadPoint } from '../as-of/read-point';
import { readModels } from '../infrastructure/read-models';

/**
 * One contingent, folded from its stream, now or as known at the point: where it is (deployed,
 * or since when gone and why) and its strength over time, from the events recorded by then.
 */
export class ContingentQuery {
  constructor(
    readonly contingentId: string,
    readonly point: ReadPoint = NOW,
  ) {}
}

export class ContingentListingQuery {
  constructor(
    readonly filter: { country?: string; mission?: string },
    readonly page: { limit?: number; after?: string },
    readonly point: ReadPoint = NOW,
  ) {}
}

/** One page of a contingent's accountability history, now or as known at the point. */
export class ContingentHistoryQuery {
  constructor(
    readonly contingentId: string,
    readonly page: { limit?: number; after?: string } = {},
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(ContingentQuery)
export class ContingentHandler implements IQueryHandler<ContingentQuery> {
  constructor(private readonly reader: AggregateReader) {}
  async execute({ contingentId, point }: ContingentQuery) {
    const { state, revision } = await this.reader.load(
      streamIds.contingent(contingentId),
      contingentDecider,
      { upTo: upToOf(point) },
    );
    if (revision === null || state.status === 'unregistered') {
      throw notRecorded(
        'contingent_not_found',
        `No contingent ${contingentId} is registered`,
        point,
      );
    }
    const { status: _status, registeredAs, datedChanges, ...contingent } = state;
    return {
      ...contingent,
      strengthOverTime: strengthOverTime(registeredAs, datedChanges),
      revision,
      ...asOfFields(point),
    };
  }
}

@QueryHandler(ContingentListingQuery)
export class ContingentListingHandler implements IQueryHandler<ContingentListingQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ filter, page, point }: ContingentListingQuery) {
    return {
      ...readModels.listContingents(this.db, filter, page, upToOf(point)),
      ...asOfFields(point),
    };
  }
}

@QueryHandler(ContingentHistoryQuery)
export class ContingentHistoryHandler implements IQueryHandler<ContingentHistoryQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ contingentId, page, point }: ContingentHistoryQuery) {
    return {
      ...readModels.contingentHistory(
        this.db,
        contingentId,
        page,
        this.config.deadlines,
        upToOf(point),
        clockOf(point),
      ),
      ...asOfFields(point),
    };
  }
}

/** The notifications to a country's units that no reply answers yet, the oldest first. */
export class NotificationsAwaitingReplyQuery {
  constructor(
    readonly country: string,
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(NotificationsAwaitingReplyQuery)
export class NotificationsAwaitingReplyHandler implements IQueryHandler<NotificationsAwaitingReplyQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ country, point }: NotificationsAwaitingReplyQuery) {
    const contingentIds: string[] = [];
    for (let after: number | undefined = undefined; ;) {
      const page = listContingents(this.db, { country, after, limit: 1000 });
      contingentIds.push(...page.items.map((c) => c.contingentId));
      if (page.next === null) break;
      after = page.next;
    }
    return {
      items: getNotificationsAwaitingReply(this.db, contingentIds, upToOf(point)),
      ...asOfFields(point),
    };
  }
}

/**
 * The state of each of these contingents (designation, country, mission), those that exist,
 * now or as known at the point.
 */
export class ContingentStatesQuery {
  constructor(
    readonly contingentIds: readonly string[],
    readonly point: ReadPoint = NOW,
  ) {}
}

@QueryHandler(ContingentStatesQuery)
export class ContingentStatesHandler implements IQueryHandler<ContingentStatesQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ contingentIds, point }: ContingentStatesQuery) {
    const upTo = upToOf(point);
    const items = [...new Set(contingentIds)].flatMap((id) => {
      const state = getContingentState(this.db, id, upTo);
      return state ? [state] : [];
    });
    return { items, ...asOfFields(point) };
  }
}

export const ContingentQueryHandlers = [
  ContingentHandler,
  ContingentStatesHandler,
  ContingentListingHandler,
  ContingentHistoryHandler,
  NotificationsAwaitingReplyHandler,
];
