import { Get, Query, Req, Res } from '@nestjs/common';
import type { AwaitingReply, DecisionRecord, FollowThroughSummary } from '@blue-ledger/projections';
import type { Response } from 'express';
import { LiaisonVisibility } from '../../access/liaison-visibility';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import { LatestEventsQuery } from '../../audit/audit.queries';
import { NotificationsAwaitingReplyQuery } from '../../contingents/contingent.queries';
import { FollowThroughQuery } from '../../recommendations/recommendation.queries';
import { layoutFor } from '../layout/layout-context';
import type { EnvelopeView } from '../rendering/event-line';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { instantOf, localFieldOf, OptionalInstant, queryString } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { homeView } from './home-view';

const LATEST = 12;
/** A liaison sees only what concerns its units: its latest are looked for this far back. */
const LIAISON_LOOKBACK = 500;
const LISTED = 15;

export class HomePageQuery {
  /** The overview as the record stood at this instant of recorded time. */
  @OptionalInstant()
  asOf?: string;
}

/** `/ui`: what happened last, what waits for a decision, what was decided and not carried out. */
@PageController('')
export class HomePageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly liaisons: LiaisonVisibility,
    private readonly asOfResolver: AsOfResolver,
  ) {}

  @Get()
  @Html()
  async home(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query() query: HomePageQuery,
  ) {
    const point = this.asOfResolver.resolve(instantOf(query.asOf));
    const asOf = point.asOf ?? undefined;
    const isLiaison = request.principal?.actingRole === 'tcc_liaison';
    const [latest, followThrough, awaiting] = await Promise.all([
      this.reads.readIfAny<{ events: EnvelopeView[] }>(
        request,
        new LatestEventsQuery(isLiaison ? LIAISON_LOOKBACK : LATEST, point),
      ),
      // As the API: a liaison's follow-through is computed from what it may see only.
      this.liaisons
        .of(request.principal)
        .then((visible) =>
          this.reads.readIfAny<FollowThroughSummary>(
            request,
            new FollowThroughQuery(point, visible),
          ),
        ),
      isLiaison
        ? this.reads.readIfAny<{ items: AwaitingReply[] }>(
            request,
            new NotificationsAwaitingReplyQuery(request.principal?.country ?? '', point),
          )
        : undefined,
    ]);
    // A liaison's answer lists only what concerns its country; the totals count everyone's.
    const own = <T>(listed: { total: number; items: T[] } | undefined) =>
      listed === undefined
        ? { total: 0, items: [] as T[] }
        : { total: isLiaison ? listed.items.length : listed.total, items: listed.items };
    const waiting = own(followThrough?.recommendationsWithoutDecision);
    const notCarriedOut = own(followThrough?.repatriationsNotImplemented);
    const ids = [
      ...waiting.items.map((r) => r.contingentId ?? ''),
      ...notCarriedOut.items.map((d: DecisionRecord) => d.contingentId ?? ''),
      ...(awaiting?.items ?? []).map((n) => n.contingentId),
    ];
    const names = await this.reads.unitNames(request, ids);
    const view = homeView({
      latest: (latest?.events ?? []).slice(0, LATEST),
      waiting: { total: waiting.total, items: waiting.items.slice(0, LISTED) },
      notCarriedOut: { total: notCarriedOut.total, items: notCarriedOut.items.slice(0, LISTED) },
      awaitingReply: awaiting?.items,
      names,
      isLiaison,
    });
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Overview',
      section: 'home',
      asOf,
      nowHref: '/ui',
    });
    return this.renderer.render('home/home', layout, {
      view,
      now: asOf ? Date.parse(asOf) : Date.now(),
      asOf,
      asOfQuery: queryString({ asOf }),
      asOfField: localFieldOf(asOf),
      lookback: isLiaison ? LIAISON_LOOKBACK : undefined,
    });
  }
}
