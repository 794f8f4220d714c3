import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LiaisonVisibility } from '../access/liaison-visibility';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
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
  constructor(
    private readonly queries: QueryBus,
    private readonly liaisons: LiaisonVisibility,
  ) {}

  @Get('recommendations')
  @ApiOperation({ summary: 'Recommendations and what was decided on them' })
  async list(
    @Query() query: RecommendationListQuery,
    @CurrentPrincipal() principal: ActingPrincipal,
  ) {
    const { status, ...page } = query;
    const visible = await this.liaisons.of(principal);
    return this.queries.execute(new RecommendationListingQuery(status, page, visible));
  }

  @Get('follow-through')
  @ApiOperation({
    summary:
      'Recommendations never decided, decisions never implemented, retain/defer against repatriation, and time from incident to finding to decision',
  })
  async followThrough(@CurrentPrincipal() principal: ActingPrincipal) {
    return this.queries.execute(new FollowThroughQuery(await this.liaisons.of(principal)));
  }
}
