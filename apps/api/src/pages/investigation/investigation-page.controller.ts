import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import { InvestigationQuery } from '../../investigations/investigation.queries';
import { StreamEventsQuery } from '../../streams/stream.queries';
import { IncidentPageQuery } from '../incident/incident-page.query';
import { unitIdsOf, type InvestigationAnswer } from '../incident/incident-view';
import { layoutFor } from '../layout/layout-context';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { RECORD_ID, recordNotFound } from '../rendering/record-not-found';
import { instantOf, localFieldOf, queryString } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { investigationView, type StreamEvent } from './investigation-view';

/**
 * `/ui/investigations/{id}`: one investigation as known at `asOf`: terms of reference, evidence
 * with its SHA-256 and chain of custody, findings with their revisions, namings and
 * recommendations. Read through the JSON API's investigation and stream queries at one point;
 * open to the roles `GET /investigations/:id` is open to.
 */
@PageController('')
export class InvestigationPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get('investigations/:id')
  @Html()
  async show(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('id') id: string,
    @Query() query: IncidentPageQuery,
  ) {
    const asOf = instantOf(query.asOf);
    const point = this.asOf.resolve(asOf);
    const investigation = RECORD_ID.test(id)
      ? await this.reads.readIfAny<InvestigationAnswer>(
          request,
          new InvestigationQuery(id, point),
          { disclose: false },
        )
      : undefined;
    if (!investigation) {
      throw recordNotFound(`investigation ${id}`, asOf);
    }
    const events: StreamEvent[] = [];
    let after: string | undefined = undefined;
    do {
      const page: { events: StreamEvent[]; next: string | null } = await this.reads.read(
        request,
        new StreamEventsQuery(`investigation-${id}`, { limit: 1000, after }, point),
      );
      events.push(...page.events);
      after = page.next ?? undefined;
    } while (after !== undefined);
    const names = await this.reads.unitNames(request, unitIdsOf(investigation));
    const view = investigationView({ investigation, events, names });
    const layout = layoutFor(request, response, this.csrf, {
      title: view.title,
      section: 'incidents',
      crumbs: [{ label: 'Incidents', href: '/ui/incidents' }, { label: view.title }],
      asOf: point.asOf ?? undefined,
      nowHref: `/ui/investigations/${id}`,
    });
    return this.renderer.render('investigation/investigation', layout, {
      view,
      asOfField: localFieldOf(point.asOf ?? undefined),
      asOfSuffix: queryString({ asOf: point.asOf ?? undefined }),
    });
  }
}
