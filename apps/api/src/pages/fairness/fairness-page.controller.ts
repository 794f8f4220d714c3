import { Get, Query, Req, Res } from '@nestjs/common';
import { fairnessTables, type FairnessAnswer } from '@blue-ledger/projections';
import type { Response } from 'express';
import { LiaisonVisibility } from '../../access/liaison-visibility';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import { FairnessFiguresQuery } from '../../fairness/fairness.queries';
import { MissionListingQuery } from '../../missions/mission.queries';
import { layoutFor } from '../layout/layout-context';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { instantOf, localFieldOf, queryString } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { CSV_TABLES, FairnessCsvQuery, FairnessPageQuery } from './fairness-page.query';
import { RATE_FIGURES, rateChart, sharedBar, type RateFigure } from './fairness-view';

const DEFAULT_FROM = '2009-01-01';
const nextYear = () => `${new Date().getUTCFullYear() + 1}-01-01`;

/**
 * `/ui/fairness`: whether the record treats countries alike, as GET /fairness answers it for a
 * mission and a period, as known at `asOf`: rates per 1,000 person-years with their exact
 * intervals drawn as dot and whisker beside the table that says the same, shared
 * responsibility, common parameters, timeliness; each table as CSV. A liaison's answer is its
 * own country's row, computed from its own records, as the API's.
 */
@PageController('')
export class FairnessPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
    private readonly liaisons: LiaisonVisibility,
  ) {}

  private async answerOf(request: PageRequest, query: FairnessPageQuery) {
    const asOf = instantOf(query.asOf);
    const point = this.asOf.resolve(asOf);
    const from = query.from ?? DEFAULT_FROM;
    const to = query.to ?? nextYear();
    const period = {
      ...(query.mission === undefined ? {} : { mission: query.mission }),
      from,
      // An inverted period is an empty one, not an error page: the form says what was asked.
      to: Date.parse(to) > Date.parse(from) ? to : from.replace(/^(\d{4})/, (y) => `${+y + 1}`),
      ...(point.asOf === null ? {} : { asOf: point.asOf }),
    };
    const visible = await this.liaisons.of(request.principal);
    const reader = visible === undefined ? {} : { visible, country: request.principal?.country };
    const answer = await this.reads.read<FairnessAnswer & { asOf: string | null }>(
      request,
      new FairnessFiguresQuery(period, reader, point),
    );
    return { answer, point, period };
  }

  @Get('fairness')
  @Html()
  async show(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query() query: FairnessPageQuery,
  ) {
    const { answer, point, period } = await this.answerOf(request, query);
    const missions = await this.reads.read<{ items: { code: string; name: string }[] }>(
      request,
      new MissionListingQuery(point),
    );
    const figure = (query.figure ?? 'findings') as RateFigure;
    const state = {
      mission: query.mission,
      from: period.from,
      to: period.to,
      figure: query.figure,
      asOf: point.asOf ?? undefined,
    };
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Fairness of the record',
      section: 'fairness',
      asOf: point.asOf ?? undefined,
      nowHref: `/ui/fairness${queryString({ ...state, asOf: undefined })}`,
    });
    return this.renderer.render('fairness/fairness', layout, {
      answer,
      query: { ...query, from: period.from, to: period.to, figure },
      figures: Object.entries(RATE_FIGURES),
      figureLabel: RATE_FIGURES[figure],
      chart: rateChart(answer.countries, figure),
      bar: sharedBar(answer),
      missions: missions.items,
      asOfField: localFieldOf(point.asOf ?? undefined),
      csvHref: (table: string) => `/ui/fairness.csv${queryString({ ...state, table })}`,
      // "Check it": the pages that list a country's records behind its figures, at the same
      // instant and mission (neither lists by period: the note under the table says so).
      checkHref: {
        units: (country: string) =>
          `/ui/contingents${queryString({ country, mission: query.mission, asOf: state.asOf })}`,
        decisions: (country: string) =>
          `/ui/follow-through${queryString({ mission: query.mission, country, asOf: state.asOf })}`,
      },
    });
  }

  @Get('fairness.csv')
  async csv(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query() query: FairnessCsvQuery,
  ): Promise<void> {
    const { answer } = await this.answerOf(request, query);
    const index = CSV_TABLES.indexOf((query.table ?? 'countries') as (typeof CSV_TABLES)[number]);
    const table = fairnessTables(answer)[index];
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="fairness-${CSV_TABLES[index]}.csv"`);
    response.send(table.csv);
  }
}
