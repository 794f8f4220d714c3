import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfPageQuery, AsOfQuery } from '../as-of/as-of.query';
import { LiaisonVisibility } from '../access/liaison-visibility';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
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
    private readonly liaisons: LiaisonVisibility,
  ) {}

  @Get('recommendations')
  @ApiOperation({
    summary: 'Recommendations and what was decided on them, now or as of an instant',
  })
  async list(
    @Query() query: RecommendationListQuery,
    @CurrentPrincipal() principal: ActingPrincipal,
  ) {
    const { status, asOf, ...page } = query;
    const point = this.asOf.resolve(asOf);
    const visible = await this.liaisons.of(principal);
    return this.queries.execute(new RecommendationListingQuery(status, page, point, visible));
  }

  @Get('follow-through')
  @ApiOperation({
    summary:
      'Recommendations never decided, decisions never implemented, retain/defer against repatriation, and time from incident to finding to decision; now or as of an instant',
    description:
      "Each duration is counted on one clock at both ends. `days.incidentToFinding` and `days.findingToDecision` (and their `medianDays`) are in recorded time, when the ledger learnt each step: from the incident's report as recorded (`incidentReportedAt`) to the investigation's first finding as recorded (`firstFindingRecordedAt`) to the decision as recorded (`decisionRecordedAt`); a finding has no stated time. `days.incidentToDecision` is in stated time: from when the incident occurred, as amended (`incidentOccurredAt`), to when the decision says it was taken (`decidedAt`). The two recorded intervals need not add up to the stated one.",
  })
  async followThrough(@Query() query: AsOfQuery, @CurrentPrincipal() principal: ActingPrincipal) {
    const point = this.asOf.resolve(query.asOf);
    const visible = await this.liaisons.of(principal);
    return this.queries.execute(new FollowThroughQuery(point, visible));
  }
}
