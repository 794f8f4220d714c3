import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AppointmentFinder,
  RecommendationFinder,
  type CommandContext,
} from '@blue-ledger/command-handling';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfQuery } from '../as-of/as-of.query';
import { Ctx } from '../http/command-context.decorator';
import { uuidParam } from '../http/uuid-param.pipe';
import { plain } from '../http/write-response';
import { ReasonDto } from '../shared-dto/reason.dto';
import { CommandSender } from '../commands/command-sender';
import { DecideRepatriationDto, ImplementRepatriationDto } from './decision.dto';
import { DecisionQuery } from './decision.queries';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
    private readonly recommendations: RecommendationFinder,
    private readonly appointments: AppointmentFinder,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Decide on repatriation (repatriate, retain or defer), or on a mission leader with scope leader (relieve, retain or defer) (RepatriationDecided)',
  })
  async decide(@Body() body: DecideRepatriationDto, @Ctx() context: CommandContext) {
    const decisionId = context.ids.next();
    const { recommendationId, ...decision } = plain(body);
    const recommendation = recommendationId
      ? await this.recommendations.find(recommendationId, 'recommendationId')
      : undefined;
    const leader = decision.appointmentId
      ? await this.appointments.find(decision.appointmentId, 'appointmentId')
      : undefined;
    const data = {
      decisionId,
      ...decision,
      ...(leader && { missionCode: leader.missionCode }),
      ...(recommendation && { recommendation }),
    };
    return this.commands.send('decision', decisionId, 'DecideRepatriation', data, context);
  }

  @Post(':id/implementation')
  @ApiOperation({
    summary:
      "Record that a decision was carried out (RepatriationImplemented); relieving a leader records the leader's departure, repatriating a unit its withdrawal",
  })
  implement(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ImplementRepatriationDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('decision', id, 'ImplementRepatriation', plain(body), context);
  }

  @Post(':id/reversal')
  @ApiOperation({ summary: 'Reverse a decision, with a reason (RepatriationReversed)' })
  reverse(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReasonDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('decision', id, 'ReverseRepatriation', plain(body), context);
  }

  @Post(':id/lapse')
  @ApiOperation({
    summary: 'Record that a decision lapsed, never carried out (RepatriationLapsed)',
  })
  lapse(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReasonDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('decision', id, 'LapseRepatriation', plain(body), context);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One decision with its revision, now or as of an instant' })
  get(@Param('id', uuidParam('id')) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new DecisionQuery(id, this.asOf.resolve(query.asOf)));
  }
}
