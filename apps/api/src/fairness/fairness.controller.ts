import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { boundOf, FAIRNESS_FIGURES, type FairnessQuery } from '@blue-ledger/projections';
import { LiaisonVisibility } from '../access/liaison-visibility';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfPageQuery, AsOfQuery } from '../as-of/as-of.query';
import { Country, LINE, MissionCode, OneOf, PeriodBound, Text } from '../http/validators';
import { ProblemException } from '../problems/problem.exception';
import {
  FairnessFiguresQuery,
  FairnessRecordsQuery,
  type FairnessReader,
} from './fairness.queries';

export class FairnessPeriodQuery extends AsOfQuery {
  @MissionCode({ optional: true, description: 'One mission; every mission when left out' })
  mission?: string;
  @PeriodBound({ description: 'The period’s first instant (a date: its first instant, UTC)' })
  from!: string;
  @PeriodBound({ description: 'The first instant after the period', example: '2025-01-01' })
  to!: string;
}

export class FairnessRecordsQueryDto extends AsOfPageQuery {
  @MissionCode({ optional: true })
  mission?: string;
  @PeriodBound()
  from!: string;
  @PeriodBound({ example: '2025-01-01' })
  to!: string;
  @OneOf(FAIRNESS_FIGURES, { description: 'The figure, as its `check` names it' })
  figure!: string;
  @Country({ optional: true })
  country?: string;
  @Text(LINE, {
    optional: true,
    description: 'The cell within the figure, as its `check` names it',
  })
  key?: string;
}

function periodOf(query: {
  mission?: string;
  from: string;
  to: string;
  asOf?: string;
}): FairnessQuery {
  if (boundOf(query.to) <= boundOf(query.from)) {
    throw new ProblemException(400, 'validation_failed', 'to must come after from.', [
      { field: 'to', reason: 'must come after from' },
    ]);
  }
  return {
    ...(query.mission === undefined ? {} : { mission: query.mission }),
    from: query.from,
    to: query.to,
    ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
  };
}

@ApiTags('fairness')
@ApiBearerAuth()
@Controller('fairness')
export class FairnessController {
  constructor(
    private readonly queries: QueryBus,
    private readonly liaisons: LiaisonVisibility,
    private readonly asOf: AsOfResolver,
  ) {}

  private async readerOf(principal: ActingPrincipal): Promise<FairnessReader> {
    const visible = await this.liaisons.of(principal);
    return visible === undefined ? {} : { visible, country: principal.country };
  }

  @Get()
  @ApiOperation({
    summary:
      'Whether the record treats countries alike, for a mission and a period [from, to) of occurred time: per country, person-years deployed (and their sources) and what the record holds about its units, each as a rate per 1,000 person-years with an exact Poisson 95% interval; shared responsibility across levels; the same facts side by side by country (common parameters); timeliness. Every count links to its records; definitions in the answer; `asOf`: as the ledger knew it then (deadlines with that instant as the clock). A liaison gets its own country’s row and figures computed from its country’s records only',
  })
  async figures(
    @Query() query: FairnessPeriodQuery,
    @CurrentPrincipal() principal: ActingPrincipal,
  ) {
    const period = periodOf(query);
    const point = this.asOf.resolve(query.asOf);
    return this.queries.execute(
      new FairnessFiguresQuery(period, await this.readerOf(principal), point),
    );
  }

  @Get('records')
  @ApiOperation({
    summary:
      'Exactly the records one figure of GET /fairness counts, as full events with their hashes, in global order, paged like /audit: follow a figure’s `check`',
  })
  async records(
    @Query() query: FairnessRecordsQueryDto,
    @CurrentPrincipal() principal: ActingPrincipal,
  ) {
    const { limit, after, figure, country, key, ...period } = query;
    const cell = {
      figure,
      ...(country === undefined ? {} : { country }),
      ...(key === undefined ? {} : { key }),
    };
    const point = this.asOf.resolve(period.asOf);
    return this.queries.execute(
      new FairnessRecordsQuery(
        periodOf(period),
        cell,
        { limit, after },
        await this.readerOf(principal),
        point,
      ),
    );
  }
}
