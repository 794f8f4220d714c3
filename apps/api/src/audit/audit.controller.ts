import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LiaisonVisibility } from '../access/liaison-visibility';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
import { PageQuery } from '../http/page';
import { Instant, LINE, Text } from '../http/validators';
import { AuditTrailQuery } from './audit.queries';

export class AuditQuery extends PageQuery {
  @Text(LINE, { optional: true, description: 'A stream id, e.g. incident-...' })
  stream?: string;
  @Text(LINE, { optional: true, description: 'A principal id' })
  actor?: string;
  @Text(LINE, { optional: true, description: 'An event type, e.g. UnitNamed' })
  type?: string;
  @Instant({ optional: true, description: 'Recorded at or after' })
  from?: string;
  @Instant({ optional: true, description: 'Recorded at or before' })
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly liaisons: LiaisonVisibility,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Every event in global order, with full envelopes and hashes; filter and page with `after`',
  })
  async trail(@Query() query: AuditQuery, @CurrentPrincipal() principal: ActingPrincipal) {
    const { limit, after, ...filter } = query;
    const visible = await this.liaisons.of(principal);
    return this.queries.execute(new AuditTrailQuery(filter, { limit, after }, visible));
  }
}
