import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import { NOW, type ReadPoint } from '../../as-of/read-point';
import { IncidentQuery, IncidentTimelineQuery } from '../../incidents/incident.queries';
import { ProblemException } from '../../problems/problem.exception';
import type { IncidentAnswer } from '../incident/incident-view';
import { layoutFor } from '../layout/layout-context';
import { format } from '../rendering/format';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { RECORD_ID } from '../rendering/record-not-found';
import { instantOf, localFieldOf } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { TimelinePageQuery } from './timeline-page.query';
import { replayView, type ReplayEntryAnswer } from './timeline-view';

type Timeline = { entries: ReplayEntryAnswer[] };

/**
 * `/ui/incidents/{id}/timeline`: the replay. The reviewer steps through the record as it
 * became known (`step`: the n-th event recorded about the incident), or picks any instant
 * (`asOf`); the page shows what was known then, read through the JSON API's timeline query at
 * that read point, and on request what was not yet known, marked so.
 */
@PageController('')
export class TimelinePageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get('incidents/:id/timeline')
  @Html()
  async show(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('id') id: string,
    @Query() query: TimelinePageQuery,
  ) {
    const order = query.order ?? 'occurred';
    const now = RECORD_ID.test(id)
      ? await this.reads.readIfAny<Timeline>(request, new IncidentTimelineQuery(id, order, NOW))
      : undefined;
    if (!now) {
      throw new ProblemException(404, 'not_found', `There is no incident ${id} that you may see.`);
    }
    const point = this.pointOf(query, now.entries);
    const atPoint =
      point.asOf === null
        ? undefined
        : await this.reads.read<Timeline>(request, new IncidentTimelineQuery(id, order, point));
    const incident =
      (await this.reads.readIfAny<IncidentAnswer>(request, new IncidentQuery(id, point))) ??
      (await this.reads.read<IncidentAnswer>(request, new IncidentQuery(id)));
    const asOf = point.asOf ?? undefined;
    const view = replayView({
      incidentId: id,
      entries: now.entries,
      order,
      knownPositions: atPoint && new Set(atPoint.entries.map((e) => e.position)),
      asOf,
      showUnknown: query.unknown === 'show',
    });
    const heading = `${format.label(incident.facts.category)} at ${incident.facts.location.name}`;
    const layout = layoutFor(request, response, this.csrf, {
      title: `Replay: ${heading}`,
      section: 'incidents',
      crumbs: [
        { label: 'Incidents', href: '/ui/incidents' },
        { label: heading, href: `/ui/incidents/${id}` },
        { label: 'Replay' },
      ],
      asOf,
      nowHref: view.nowHref,
    });
    return this.renderer.render('timeline/timeline', layout, {
      view,
      heading,
      incidentId: id,
      order,
      showUnknown: query.unknown === 'show',
      asOfField: localFieldOf(asOf),
    });
  }

  /** The step's instant (the n-th event recorded), the instant asked for, or now. */
  private pointOf(query: TimelinePageQuery, entries: ReplayEntryAnswer[]): ReadPoint {
    if (query.step !== undefined) {
      const byPosition = [...entries].sort((a, b) => a.position - b.position);
      const entry = byPosition[Math.min(query.step, byPosition.length) - 1];
      if (entry)
        return { asOf: new Date(entry.recordedAt).toISOString(), position: entry.position };
    }
    return this.asOf.resolve(instantOf(query.asOf));
  }
}
