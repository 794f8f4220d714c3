import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../http/page';
import { StreamEventsQuery } from './stream.queries';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('streams')
export class StreamsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':streamId')
  @ApiOperation({
    summary: "One stream's events with full envelopes, in revision order; `after` is a revision",
  })
  read(@Param('streamId') streamId: string, @Query() page: PageQuery) {
    return this.queries.execute(new StreamEventsQuery(streamId, page));
  }
}
