import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { missionDecider, streamIds } from '@blue-ledger/domain';
import { AggregateReader, metaOf, type CommandContext } from '@blue-ledger/command-handling';
import { Ctx } from '../http/command-context.decorator';
import { WriteResponse, writeResponse } from '../http/write-response';
import { ProblemException } from '../problems/problem.exception';
import { ExecuteLedgerCommand } from '../commands/ledger-command.handler';
import { RegisterMissionDto } from './mission.dto';
import { MissionListingQuery } from './mission.queries';

@ApiTags('missions')
@ApiBearerAuth()
@Controller('missions')
export class MissionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: AggregateReader,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a peacekeeping mission (MissionRegistered)' })
  async register(
    @Body() body: RegisterMissionDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    const result = await this.commands.execute(
      new ExecuteLedgerCommand(
        {
          aggregate: 'mission',
          id: body.code,
          command: { type: 'RegisterMission', data: { ...body }, meta: metaOf(context) },
        },
        context,
      ),
    );
    return writeResponse(body.code, result);
  }

  @Get()
  @ApiOperation({ summary: 'All registered missions' })
  list() {
    return this.queries.execute(new MissionListingQuery());
  }

  @Get(':code')
  @ApiOperation({ summary: 'One mission' })
  async get(@Param('code') code: string) {
    const { state, revision } = await this.reader.load(streamIds.mission(code), missionDecider);
    if (revision === null || state.status !== 'registered') {
      throw new ProblemException(404, 'mission_not_found', `No mission ${code} is registered.`);
    }
    const { status: _status, ...mission } = state;
    return { ...mission, revision };
  }
}
