import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfPageQuery } from '../as-of/as-of.query';
import { StreamEventsQuery } from './stream.queries';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('streams')
export class StreamsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
  ) {}

  @Get(':streamId')
  @ApiOperation({
    summary:
      "One stream's events with full envelopes, in revision order; `after` is a revision; now or as of an instant",
  })
  read(@Param('streamId') streamId: string, @Query() query: AsOfPageQuery) {
    const { limit, after, asOf } = query;
    return this.queries.execute(
      new StreamEventsQuery(streamId, { limit, after }, this.asOf.resolve(asOf)),
    );
  }
}
