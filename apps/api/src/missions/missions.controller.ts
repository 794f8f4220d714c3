import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@blue-ledger/command-handling';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfQuery } from '../as-of/as-of.query';
import { Ctx } from '../http/command-context.decorator';
import { uuidParam } from '../http/uuid-param.pipe';
import { plain, WriteResponse } from '../http/write-response';
import { CommandSender } from '../commands/command-sender';
import { AppointLeaderDto, LeaderDepartureDto, RegisterMissionDto } from './mission.dto';
import { LeaderHistoryQuery, MissionListingQuery, MissionQuery } from './mission.queries';

@ApiTags('missions')
@ApiBearerAuth()
@Controller('missions')
export class MissionsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a peacekeeping mission (MissionRegistered)' })
  register(
    @Body() body: RegisterMissionDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    return this.commands.send('mission', body.code, 'RegisterMission', { ...body }, context);
  }

  @Post(':code/leaders')
  @ApiOperation({
    summary:
      'Appoint a mission leader: SRSG, deputy, force commander, police commissioner, ... (LeaderAppointed); answers the appointment id',
  })
  appoint(
    @Param('code') code: string,
    @Body() body: AppointLeaderDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    const appointmentId = context.ids.next();
    return this.commands.send(
      'mission',
      code,
      'AppointLeader',
      { appointmentId, ...plain(body) },
      context,
      appointmentId,
    );
  }

  @Post(':code/leaders/:appointmentId/departure')
  @ApiOperation({
    summary:
      "Record the end of a leader's appointment: end of assignment, relieved, resigned, other (LeaderDeparted)",
  })
  depart(
    @Param('code') code: string,
    @Param('appointmentId', uuidParam('appointmentId')) appointmentId: string,
    @Body() body: LeaderDepartureDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    return this.commands.send(
      'mission',
      code,
      'RecordLeaderDeparture',
      { appointmentId, ...plain(body) },
      context,
      appointmentId,
    );
  }

  @Get()
  @ApiOperation({ summary: 'All registered missions, now or as of an instant' })
  list(@Query() query: AsOfQuery) {
    return this.queries.execute(new MissionListingQuery(this.asOf.resolve(query.asOf)));
  }

  @Get(':code')
  @ApiOperation({
    summary:
      'One mission, with its leadership over time (each appointment and its departure); now or as of an instant',
  })
  get(@Param('code') code: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new MissionQuery(code, this.asOf.resolve(query.asOf)));
  }

  @Get(':code/leaders/:appointmentId/history')
  @ApiOperation({
    summary:
      "A leader's accountability history: the appointment and its end, findings naming it or attributed to the role while it lasted, recommendations, decisions and what became of them, deadlines; now or as of an instant",
  })
  history(
    @Param('code') code: string,
    @Param('appointmentId', uuidParam('appointmentId')) appointmentId: string,
    @Query() query: AsOfQuery,
  ) {
    return this.queries.execute(
      new LeaderHistoryQuery(code, appointmentId, this.asOf.resolve(query.asOf)),
    );
  }
}
