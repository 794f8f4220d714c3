import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../http/page';
import { OneOf } from '../http/validators';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../infrastructure/read-models';
import { FollowThroughQuery, RecommendationListingQuery } from './recommendation.queries';

export class RecommendationListQuery extends PageQuery {
  @OneOf(RECOMMENDATION_STATUSES, { optional: true })
  status?: RecommendationStatus;
}

@ApiTags('follow-through')
@ApiBearerAuth()
@Controller()
export class RecommendationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('recommendations')
  @ApiOperation({ summary: 'Recommendations and what was decided on them' })
  list(@Query() query: RecommendationListQuery) {
    const { status, ...page } = query;
    return this.queries.execute(new RecommendationListingQuery(status, page));
  }

  @Get('follow-through')
  @ApiOperation({
    summary:
      'Recommendations never decided, decisions never implemented, retain/defer against repatriation, and time from incident to finding to decision',
  })
  followThrough() {
    return this.queries.execute(new FollowThroughQuery());
  }
}
