import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { metaOf, type CommandContext } from '@blue-ledger/command-handling';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfQuery } from '../as-of/as-of.query';
import { Ctx } from '../http/command-context.decorator';
import { WriteResponse, writeResponse } from '../http/write-response';
import { ExecuteLedgerCommand } from '../commands/ledger-command.handler';
import { RegisterMissionDto } from './mission.dto';
import { MissionListingQuery, MissionQuery } from './mission.queries';

@ApiTags('missions')
@ApiBearerAuth()
@Controller('missions')
export class MissionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
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
  @ApiOperation({ summary: 'All registered missions, now or as of an instant' })
  list(@Query() query: AsOfQuery) {
    return this.queries.execute(new MissionListingQuery(this.asOf.resolve(query.asOf)));
  }

  @Get(':code')
  @ApiOperation({ summary: 'One mission, now or as of an instant' })
  get(@Param('code') code: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new MissionQuery(code, this.asOf.resolve(query.asOf)));
  }
}
