import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  type DeadlineKind,
  type DeadlineStatus,
} from '@blue-ledger/domain';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfPageQuery } from '../as-of/as-of.query';
import { asOfFields } from '../as-of/read-point';
import { Country, MissionCode, OneOf } from '../http/validators';
import { DeadlineListingQuery } from './deadline.queries';

export class DeadlineListQuery extends AsOfPageQuery {
  @OneOf(DEADLINE_STATUSES, {
    optional: true,
    description: 'At the time of the request, or at `asOf` when given',
  })
  status?: DeadlineStatus;
  @OneOf(DEADLINE_KINDS, { optional: true })
  kind?: DeadlineKind;
  @Country({ optional: true, description: 'The contributing country concerned' })
  country?: string;
  @MissionCode({ optional: true })
  mission?: string;
}

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Deadlines the record keeps: national investigation officer (5 working days) and national investigation (90 days) after a notification of sexual exploitation and abuse, investigations’ due dates, and the ledger’s own reply and decision windows (policy, not law); status open, overdue, met or missed now, or as the ledger knew them at `asOf` with that instant as the clock; working days Monday to Friday, public holidays not counted',
  })
  list(@Query() query: DeadlineListQuery, @CurrentPrincipal() principal: ActingPrincipal) {
    const { limit, after, asOf, ...filter } = query;
    const point = this.asOf.resolve(asOf);
    if (principal.actingRole === 'tcc_liaison') {
      // A liaison sees its own country's deadlines only.
      if (filter.country !== undefined && filter.country !== principal.country) {
        return { items: [], next: null, ...asOfFields(point) };
      }
      filter.country = principal.country;
    }
    return this.queries.execute(new DeadlineListingQuery(filter, { limit, after }, point));
  }
}
