import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { VisibleOnly } from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import { READ_MODELS } from '@blue-ledger/runtime';
import { asOfFields, NOW, upToOf, type ReadPoint } from '../as-of/read-point';
import { readModels, type RecommendationStatus } from '../infrastructure/read-models';

export class RecommendationListingQuery {
  constructor(
    readonly status: RecommendationStatus | undefined,
    readonly page: { limit?: number; after?: string },
    readonly point: ReadPoint = NOW,
    readonly visible?: VisibleOnly,
  ) {}
}

export class FollowThroughQuery {
  constructor(
    readonly point: ReadPoint = NOW,
    readonly visible?: VisibleOnly,
  ) {}
}

@QueryHandler(RecommendationListingQuery)
export class RecommendationListingHandler implements IQueryHandler<RecommendationListingQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ status, page, point, visible }: RecommendationListingQuery) {
    return {
      ...readModels.listRecommendations(this.db, status, page, upToOf(point), visible),
      ...asOfFields(point),
    };
  }
}

@QueryHandler(FollowThroughQuery)
export class FollowThroughHandler implements IQueryHandler<FollowThroughQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}
  async execute({ point, visible }: FollowThroughQuery) {
    return {
      ...readModels.followThrough(this.db, upToOf(point), visible),
      ...asOfFields(point),
    };
  }
}

export const RecommendationQueryHandlers = [RecommendationListingHandler, FollowThroughHandler];
