import { Get, Query, Req, Res } from '@nestjs/common';
import type { FollowThroughSummary } from '@blue-ledger/projections';
import type { Response } from 'express';
import { LiaisonVisibility } from '../../access/liaison-visibility';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import { DecisionQuery } from '../../decisions/decision.queries';
import { MissionListingQuery } from '../../missions/mission.queries';
import { FollowThroughQuery } from '../../recommendations/recommendation.queries';
import { layoutFor } from '../layout/layout-context';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { instantOf, localFieldOf, queryString } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { FollowThroughPageQuery } from './follow-through-page.query';
import { followThroughView } from './follow-through-view';

/**
 * `/ui/follow-through`: what became of the recommendations, for oversight: never decided,
 * repatriations never carried out, retain or defer against a recommendation with the reason
 * given, and the time from incident to finding to decision; by mission and country, as known
 * at `asOf`. Read through the JSON API's follow-through query, a liaison's from what it may see.
 */
@PageController('')
export class FollowThroughPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
    private readonly liaisons: LiaisonVisibility,
  ) {}

  @Get('follow-through')
  @Html()
  async show(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query() query: FollowThroughPageQuery,
  ) {
    const asOf = instantOf(query.asOf);
    const point = this.asOf.resolve(asOf);
    const visible = await this.liaisons.of(request.principal);
    const [summary, missions] = await Promise.all([
      this.reads.read<FollowThroughSummary>(request, new FollowThroughQuery(point, visible)),
      this.reads.read<{ items: { code: string; name: string }[] }>(
        request,
        new MissionListingQuery(point),
      ),
    ]);
    // The unit each timed decision concerns, from the decision itself (as the API answers it).
    const decided = await Promise.all(
      summary.durations.items.map((d) =>
        this.reads.readIfAny<{ decisionId: string; contingentId?: string; missionCode?: string }>(
          request,
          new DecisionQuery(d.decisionId, point),
        ),
      ),
    );
    const decisionUnits = new Map(
      decided
        .filter((d) => d !== undefined)
        .map((d) => [
          d.decisionId,
          { contingentId: d.contingentId ?? null, missionCode: d.missionCode ?? null },
        ]),
    );
    const unitIds = [
      ...summary.recommendationsWithoutDecision.items.map((r) => r.contingentId ?? ''),
      ...summary.repatriationsNotImplemented.items.map((d) => d.contingentId ?? ''),
      ...summary.retainedOrDeferredAgainstRecommendation.items.map((d) => d.contingentId ?? ''),
      ...[...decisionUnits.values()].map((u) => u.contingentId ?? ''),
    ];
    const names = await this.reads.unitNames(request, unitIds);
    const nowMs = asOf ? Date.parse(asOf) : Date.now();
    const view = followThroughView({
      summary,
      names,
      decisionUnits,
      filter: { mission: query.mission, country: query.country },
      nowMs,
    });
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Follow-through',
      section: 'follow-through',
      asOf: point.asOf ?? undefined,
      nowHref: `/ui/follow-through${queryString({ mission: query.mission, country: query.country })}`,
    });
    return this.renderer.render('follow-through/follow-through', layout, {
      view,
      query,
      missions: missions.items,
      asOfField: localFieldOf(point.asOf ?? undefined),
      nowMs,
    });
  }
}
