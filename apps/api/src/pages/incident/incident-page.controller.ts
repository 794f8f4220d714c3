import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { IQuery } from '@nestjs/cqrs';
import type { Response } from 'express';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import { DecisionQuery } from '../../decisions/decision.queries';
import { IncidentQuery, IncidentTimelineQuery } from '../../incidents/incident.queries';
import { InvestigationQuery } from '../../investigations/investigation.queries';
import { layoutFor } from '../layout/layout-context';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { RECORD_ID, recordNotFound } from '../rendering/record-not-found';
import { instantOf, localFieldOf, queryString } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { IncidentPageQuery } from './incident-page.query';
import {
  incidentView,
  unitIdsOf,
  type DecisionAnswer,
  type IncidentAnswer,
  type InvestigationAnswer,
  type TimelineEntryAnswer,
} from './incident-view';

/** The ids of a category's streams on the timeline, each once, in the order first seen. */
function streamIdsOf(entries: TimelineEntryAnswer[], category: string): string[] {
  const prefix = `${category}-`;
  const ids = entries
    .filter((e) => e.streamId.startsWith(prefix))
    .map((e) => e.streamId.slice(prefix.length));
  return [...new Set(ids)];
}

/**
 * `/ui/incidents/{id}`: the incident as known at `asOf` (default now), its investigations side
 * by side, what became of their recommendations, and the notifications and replies about it.
 * Every read goes through the JSON API's query handlers at one read point.
 */
@PageController('')
export class IncidentPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get('incidents/:id')
  @Html()
  async show(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('id') id: string,
    @Query() query: IncidentPageQuery,
  ) {
    const asOf = instantOf(query.asOf);
    const point = this.asOf.resolve(asOf);
    const incident = RECORD_ID.test(id)
      ? await this.reads.readIfAny<IncidentAnswer>(request, new IncidentQuery(id, point))
      : undefined;
    if (!incident) {
      throw recordNotFound(`incident ${id}`, asOf);
    }
    const timeline = await this.reads.read<{ entries: TimelineEntryAnswer[] }>(
      request,
      new IncidentTimelineQuery(id, 'recorded', point),
    );
    const entries = timeline.entries;
    // Only what the JSON API would answer this role: a liaison reads no investigation record.
    const investigationsOpen = this.reads.mayRead(request, '/investigations/:id');
    const decisionsOpen = this.reads.mayRead(request, '/decisions/:id');
    const [investigations, decisions] = await Promise.all([
      this.all<InvestigationAnswer>(
        request,
        investigationsOpen
          ? streamIdsOf(entries, 'investigation').map((i) => new InvestigationQuery(i, point))
          : [],
      ),
      this.all<DecisionAnswer>(
        request,
        decisionsOpen
          ? streamIdsOf(entries, 'decision').map((d) => new DecisionQuery(d, point))
          : [],
      ),
    ]);
    const unitIds = [...incident.contingentIds, ...investigations.flatMap(unitIdsOf)];
    const names = await this.reads.unitNames(request, unitIds);
    const state = queryString({ asOf: point.asOf ?? undefined });
    const view = incidentView({
      incident,
      investigations,
      decisions,
      timeline: entries,
      names,
      state,
    });
    const layout = layoutFor(request, response, this.csrf, {
      title: view.heading,
      section: 'incidents',
      crumbs: [{ label: 'Incidents', href: '/ui/incidents' }, { label: view.heading }],
      asOf: point.asOf ?? undefined,
      nowHref: `/ui/incidents/${id}`,
    });
    return this.renderer.render('incident/incident', layout, {
      view,
      investigationsOpen,
      asOfSuffix: state,
      asOfField: localFieldOf(point.asOf ?? undefined),
    });
  }

  /** Each answer the reader may see, in order; those it may not (or not yet recorded) left out. */
  private async all<T>(request: PageRequest, queries: IQuery[]): Promise<T[]> {
    const answers = await Promise.all(queries.map((q) => this.reads.readIfAny<T>(request, q)));
    return answers.filter((a): a is Awaited<T> => a !== undefined);
  }
}
