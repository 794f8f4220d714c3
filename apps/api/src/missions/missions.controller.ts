import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { missionDecider, streamIds } from '@blue-ledger/domain';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import { AggregateReader, metaOf, type CommandContext } from '@blue-ledger/command-handling';
import { Ctx } from '../http/command-context.decorator';
import { WriteResponse, writeResponse } from '../http/write-response';
import { ProblemException } from '../problems/problem.exception';
import { ExecuteLedgerCommand } from '../commands/ledger-command.handler';
import { RegisterMissionDto } from './mission.dto';

@ApiTags('missions')
@ApiBearerAuth()
@Controller('missions')
export class MissionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: AggregateReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
  async list() {
    const events = await this.store.readAll({ filter: { eventTypes: ['MissionRegistered'] } });
    return { items: events.map((e) => e.data), next: null };
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
