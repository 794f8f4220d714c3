import { Get, Query, Req, Res } from '@nestjs/common';
import type { ContingentState } from '@blue-ledger/projections';
import type { Response } from 'express';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import { ContingentListingQuery } from '../../contingents/contingent.queries';
import { MissionListingQuery, MissionQuery } from '../../missions/mission.queries';
import { appointmentLabel } from '../forms/machinery/appointments';
import type { MissionAnswer } from '../forms/machinery/ledger-lookups';
import { recordLinks } from '../forms/record-links';
import { layoutFor } from '../layout/layout-context';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { instantOf, localFieldOf, queryString } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { ContingentsPageQuery } from './contingents-page.query';

const PAGE = 50;

/** `/ui/contingents`: the units, by country and mission, as known at `asOf`; a liaison's own only. */
@PageController('')
export class ContingentsPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get('contingents')
  @Html()
  async list(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query() query: ContingentsPageQuery,
  ) {
    const asOf = instantOf(query.asOf);
    const point = this.asOf.resolve(asOf);
    const liaison = request.principal?.actingRole === 'tcc_liaison';
    // As the API: a liaison's list is of its own country's units, whatever the filter says.
    const country = liaison ? request.principal?.country : query.country;
    const foreign = liaison && query.country !== undefined && query.country !== country;
    const [page, missions] = await Promise.all([
      foreign
        ? { items: [] as ContingentState[], next: null }
        : this.reads.read<{ items: ContingentState[]; next: string | null }>(
            request,
            new ContingentListingQuery(
              { country, mission: query.mission },
              { limit: query.limit ?? PAGE, after: query.after },
              point,
            ),
          ),
      this.reads.read<{ items: { code: string; name: string }[] }>(
        request,
        new MissionListingQuery(point),
      ),
    ]);
    const mission = query.mission
      ? await this.reads.readIfAny<MissionAnswer>(request, new MissionQuery(query.mission, point))
      : undefined;
    const state = {
      country: query.country,
      mission: query.mission,
      asOf: point.asOf ?? undefined,
      limit: query.limit,
    };
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Units',
      section: 'contingents',
      asOf: point.asOf ?? undefined,
      nowHref: `/ui/contingents${queryString({ ...state, asOf: undefined })}`,
    });
    return this.renderer.render('contingents/contingents', layout, {
      query,
      units: page.items,
      missions: missions.items,
      leadership: mission && this.leadershipOf(request, mission, asOf !== undefined),
      liaison,
      asOfSuffix: queryString({ asOf: point.asOf ?? undefined }),
      asOfField: localFieldOf(point.asOf ?? undefined),
      nextHref:
        page.next === null
          ? undefined
          : `/ui/contingents${queryString({ ...state, after: page.next })}`,
    });
  }

  /**
   * The mission's leaders over time, with the links to appoint one and to record a departure for
   * the roles that may (none on the record as known at a past instant).
   */
  private leadershipOf(request: PageRequest, mission: MissionAnswer, past: boolean) {
    const links = (wanted: Parameters<typeof recordLinks>[1]) =>
      past ? [] : recordLinks(request.principal, wanted);
    return {
      code: mission.code,
      name: mission.name,
      appoint: links([{ formId: 'leader-appoint', params: { mission: mission.code } }])[0],
      leaders: mission.leadership.map((appointment) => ({
        label: appointmentLabel(mission.code, appointment),
        depart: appointment.departure
          ? undefined
          : links([
              {
                formId: 'leader-departure',
                params: { mission: mission.code, appointment: appointment.appointmentId },
              },
            ])[0],
        // A decision about the leader where no recommendation was issued (POST /decisions).
        decide: links([
          {
            formId: 'leader-decision-direct',
            params: { mission: mission.code, appointment: appointment.appointmentId },
          },
        ])[0],
      })),
    };
  }
}
