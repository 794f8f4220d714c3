import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfPageQuery } from '../as-of/as-of.query';
import { LiaisonVisibility } from '../access/liaison-visibility';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
import { Instant, LINE, Text } from '../http/validators';
import { AuditTrailQuery } from './audit.queries';

export class AuditQuery extends AsOfPageQuery {
  @Text(LINE, { optional: true, description: 'A stream id, e.g. incident-...' })
  stream?: string;
  @Text(LINE, { optional: true, description: 'A principal id' })
  actor?: string;
  @Text(LINE, { optional: true, description: 'An event type, e.g. UnitNamed' })
  type?: string;
  @Instant({
    optional: true,
    description: "Events stamped at or after (each event's own recordedAt)",
  })
  from?: string;
  @Instant({
    optional: true,
    description:
      "Events stamped at or before (each event's own recordedAt); `asOf` is the record as known then, a prefix of the global order",
  })
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
    private readonly liaisons: LiaisonVisibility,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Every event in global order, with full envelopes and hashes; filter and page with `after`; all, or only what was recorded by an instant (`asOf`)',
  })
  async trail(@Query() query: AuditQuery, @CurrentPrincipal() principal: ActingPrincipal) {
    const { limit, after, asOf, ...filter } = query;
    const point = this.asOf.resolve(asOf);
    const visible = await this.liaisons.of(principal);
    return this.queries.execute(new AuditTrailQuery(filter, { limit, after }, point, visible));
  }
}
