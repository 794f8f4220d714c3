import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { StrengthPeriod } from '@blue-ledger/domain';
import type { ContingentHistory, ContingentState } from '@blue-ledger/projections';
import type { Response } from 'express';
import { AsOfResolver } from '../../as-of/as-of-resolver';
import { ContingentHistoryQuery, ContingentQuery } from '../../contingents/contingent.queries';
import { IncidentPageQuery } from '../incident/incident-page.query';
import { layoutFor } from '../layout/layout-context';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { RECORD_ID, recordNotFound } from '../rendering/record-not-found';
import { instantOf, localFieldOf } from '../rendering/query-fields';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { recordLinks } from '../forms/record-links';
import { contingentView } from './contingent-view';

/** The history is read a page of facts at a time, as the API serves it. */
const HISTORY_PAGE = 1000;

type Parts = Omit<ContingentHistory, 'contingentId' | 'contingent' | 'next'>;
const PARTS: (keyof Parts)[] = [
  'deployments',
  'rotations',
  'reHattings',
  'withdrawals',
  'returns',
  'incidents',
  'findings',
  'namings',
  'recommendations',
  'decisions',
  'notifications',
  'otherResponses',
  'evaluations',
  'commendations',
];

/**
 * `/ui/contingents/{id}`: a unit's accountability history as known at `asOf` (default now):
 * where it served and at what strength, what was found, named, recommended and decided about
 * it and whether it was carried out, what its country was told and how long it took to reply,
 * and its evaluations and commendations beside the failures.
 */
@PageController('')
export class ContingentPageController {
  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get('contingents/:id')
  @Html()
  async show(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('id') id: string,
    @Query() query: IncidentPageQuery,
  ) {
    const asOf = instantOf(query.asOf);
    const point = this.asOf.resolve(asOf);
    const unit = RECORD_ID.test(id)
      ? await this.reads.readIfAny<ContingentState & { strengthOverTime: StrengthPeriod[] }>(
          request,
          new ContingentQuery(id, point),
        )
      : undefined;
    const principal = request.principal;
    // As the API: another country's unit is, to a liaison, as absent as an unknown one.
    const foreign = principal?.actingRole === 'tcc_liaison' && unit?.country !== principal.country;
    if (!unit || foreign) {
      throw recordNotFound(`unit ${id}`, asOf);
    }
    const history = await this.wholeHistory(request, id, point);
    const unitIds = history.findings.flatMap((f) =>
      f.attributions.map((a) => a.contingentId ?? ''),
    );
    const names = await this.reads.unitNames(request, unitIds);
    const nowMs = asOf ? Date.parse(asOf) : Date.now();
    const view = contingentView({
      contingent: history.contingent ?? unit,
      strengthOverTime: unit.strengthOverTime,
      history,
      names,
      nowMs,
    });
    const title = `${unit.designation} (${unit.country})`;
    const layout = layoutFor(request, response, this.csrf, {
      title,
      section: 'contingents',
      crumbs: [{ label: 'Units', href: '/ui/contingents' }, { label: title }],
      asOf: point.asOf ?? undefined,
      nowHref: `/ui/contingents/${id}`,
    });
    return this.renderer.render('contingent/contingent', layout, {
      view,
      title,
      contingentId: id,
      asOfField: localFieldOf(point.asOf ?? undefined),
      nowMs,
      // What may be recorded about the unit now (not on the record as known at a past instant).
      recordLinks: asOf
        ? []
        : recordLinks(principal, [
            unit.presence.status === 'deployed'
              ? { formId: 'contingent-withdrawal', params: { contingent: id } }
              : { formId: 'contingent-return', params: { contingent: id } },
            { formId: 'contingent-rotate', params: { contingent: id } },
            { formId: 'contingent-evaluate', params: { contingent: id } },
            { formId: 'contingent-commend', params: { contingent: id } },
          ]),
    });
  }

  /** Every page of the history, its parts joined in the order recorded. */
  private async wholeHistory(
    request: PageRequest,
    id: string,
    point: ReturnType<AsOfResolver['resolve']>,
  ): Promise<ContingentHistory> {
    let whole: ContingentHistory | undefined;
    let after: string | undefined = undefined;
    do {
      const page: ContingentHistory = await this.reads.read<ContingentHistory>(
        request,
        new ContingentHistoryQuery(id, { limit: HISTORY_PAGE, after }, point),
      );
      if (whole === undefined) {
        whole = page;
      } else {
        for (const part of PARTS) {
          (whole[part] as unknown[]) = [
            ...(whole[part] as unknown[]),
            ...(page[part] as unknown[]),
          ];
        }
      }
      after = page.next === null ? undefined : String(page.next);
    } while (after !== undefined);
    return whole;
  }
}
