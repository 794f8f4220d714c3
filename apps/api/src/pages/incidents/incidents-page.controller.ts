import { Get, Query, Req, Res } from '@nestjs/common';
import { INCIDENT_CATEGORIES } from '@blue-ledger/domain';
import type { ContingentState, IncidentSearch, IncidentSearchPage } from '@blue-ledger/projections';
import type { Response } from 'express';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import type { ReadPoint } from '../../as-of/read-point';
import { ContingentListingQuery } from '../../contingents/contingent.queries';
import { IncidentSearchQuery } from '../../incidents/incident.queries';
import { MissionListingQuery } from '../../missions/mission.queries';
import { layoutFor } from '../layout/layout-context';
import { toCsv } from '../rendering/csv';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import {
  endOfDay,
  instantOf,
  localFieldOf,
  queryString,
  startOfDay,
} from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { DEFAULT_PAGE_SIZE, INCIDENT_STATUSES, IncidentsPageQuery } from './incidents-page.query';
import { incidentRows, incidentsView, type Mission } from './incidents-view';

const CSV_PAGE = 1000;
/** The CSV holds the whole selection, up to this many incidents (a narrower filter gets the rest). */
const CSV_MAX = 100_000;

/**
 * `/ui/incidents`: every incident the reader may see, filtered, sorted and paged, as known now
 * or at `asOf`; and as CSV.
 */
@PageController('')
export class IncidentsPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get('incidents')
  @Html()
  async list(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query() query: IncidentsPageQuery,
  ) {
    const point = this.asOf.resolve(instantOf(query.asOf));
    const asOf = point.asOf ?? undefined;
    const units = await this.unitsOf(request, point);
    const [page, missions] = await Promise.all([
      this.reads.read<IncidentSearchPage>(
        request,
        new IncidentSearchQuery(
          this.search(request, query, units, query.limit ?? DEFAULT_PAGE_SIZE),
          point,
        ),
      ),
      this.reads.read<{ items: Mission[] }>(request, new MissionListingQuery(point)),
    ]);
    const view = incidentsView({
      query: { ...query, asOf },
      page,
      missions: missions.items,
      units,
    });
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Incidents',
      section: 'incidents',
      asOf,
      nowHref: view.nowHref,
    });
    return this.renderer.render('incidents/incidents', layout, {
      view,
      asOfSuffix: queryString({ asOf }),
      auditHref: (incidentId: string) =>
        `/ui/audit${queryString({ stream: `incident-${incidentId}`, asOf })}`,
      asOfField: localFieldOf(asOf),
      categories: INCIDENT_CATEGORIES,
      statuses: INCIDENT_STATUSES,
      orders: [
        { value: 'reported', label: 'Reported to the ledger, earliest first' },
        { value: 'reported_desc', label: 'Reported to the ledger, latest first' },
        { value: 'occurred', label: 'Occurred, earliest first' },
        { value: 'occurred_desc', label: 'Occurred, latest first' },
      ],
    });
  }

  @Get('incidents.csv')
  async csv(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query() query: IncidentsPageQuery,
  ): Promise<void> {
    const point = this.asOf.resolve(instantOf(query.asOf));
    const units = await this.unitsOf(request, point);
    const rows: string[][] = [];
    let after: string | undefined = undefined;
    do {
      const page: IncidentSearchPage = await this.reads.read<IncidentSearchPage>(
        request,
        new IncidentSearchQuery(this.search(request, { ...query, after }, units, CSV_PAGE), point),
      );
      rows.push(...incidentRows(page.items, units));
      after = page.next ?? undefined;
    } while (after !== undefined && rows.length < CSV_MAX);
    const csv = toCsv(
      [
        'incident_id',
        'mission',
        'category',
        'status',
        'occurred_at',
        'recorded_at',
        'location',
        'summary',
        'civilians_killed',
        'civilians_injured',
        'peacekeepers_killed',
        'peacekeepers_injured',
        'units',
        'investigations',
      ],
      rows,
    );
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="incidents.csv"');
    response.send(csv);
  }

  /** The units the reader may filter by: a liaison's own; everyone else, all of them. */
  private async unitsOf(request: PageRequest, point: ReadPoint): Promise<ContingentState[]> {
    const country =
      request.principal?.actingRole === 'tcc_liaison' ? request.principal.country : undefined;
    const units: ContingentState[] = [];
    let after: string | undefined = undefined;
    do {
      const page: { items: ContingentState[]; next: string | null } = await this.reads.read(
        request,
        new ContingentListingQuery({ country }, { limit: 1000, after }, point),
      );
      units.push(...page.items);
      after = page.next ?? undefined;
    } while (after !== undefined);
    return units;
  }

  private search(
    request: PageRequest,
    query: IncidentsPageQuery,
    units: ContingentState[],
    limit: number,
  ): IncidentSearch {
    const liaison = request.principal?.actingRole === 'tcc_liaison';
    return {
      mission: query.mission,
      category: query.category,
      status: query.status,
      contingentId: query.contingent,
      // A liaison's list is of the incidents its units were present at (and is scrubbed as well).
      anyOfContingentIds: liaison ? units.map((u) => u.contingentId) : undefined,
      occurredFrom: startOfDay(query.occurredFrom),
      occurredTo: endOfDay(query.occurredTo),
      recordedFrom: startOfDay(query.recordedFrom),
      recordedTo: endOfDay(query.recordedTo),
      order: query.order,
      after: query.after,
      limit,
    };
  }
}
