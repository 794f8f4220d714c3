import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfPageQuery, AsOfQuery } from '../as-of/as-of.query';
import { OneOf } from '../http/validators';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../infrastructure/read-models';
import { FollowThroughQuery, RecommendationListingQuery } from './recommendation.queries';

export class RecommendationListQuery extends AsOfPageQuery {
  @OneOf(RECOMMENDATION_STATUSES, { optional: true })
  status?: RecommendationStatus;
}

@ApiTags('follow-through')
@ApiBearerAuth()
@Controller()
export class RecommendationsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get('recommendations')
  @ApiOperation({
    summary: 'Recommendations and what was decided on them, now or as of an instant',
  })
  list(@Query() query: RecommendationListQuery) {
    const { status, asOf, ...page } = query;
    return this.queries.execute(
      new RecommendationListingQuery(status, page, this.asOf.resolve(asOf)),
    );
  }

  @Get('follow-through')
  @ApiOperation({
    summary:
      'Recommendations never decided, decisions never implemented, retain/defer against repatriation, and time from incident to finding to decision; now or as of an instant',
  })
  followThrough(@Query() query: AsOfQuery) {
    return this.queries.execute(new FollowThroughQuery(this.asOf.resolve(query.asOf)));
  }
}
