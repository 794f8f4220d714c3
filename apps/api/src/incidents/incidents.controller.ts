import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@blue-ledger/command-handling';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfQuery } from '../as-of/as-of.query';
import { LiaisonVisibility } from '../access/liaison-visibility';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
import { Ctx } from '../http/command-context.decorator';
import { uuidParam } from '../http/uuid-param.pipe';
import { plain, WriteResponse } from '../http/write-response';
import { ReasonDto } from '../shared-dto/reason.dto';
import { splitSubjects } from '../shared-dto/subject.dto';
import { CommandSender } from '../commands/command-sender';
import { AssignInvestigatorDto } from '../investigations/investigation.dto';
import {
  AmendIncidentDto,
  IncidentListQuery,
  LinkUnitsDto,
  ReportIncidentDto,
  TimelineQuery,
} from './incident.dto';
import { IncidentListingQuery, IncidentQuery, IncidentTimelineQuery } from './incident.queries';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
    private readonly liaisons: LiaisonVisibility,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Report an incident (IncidentReported)' })
  report(@Body() body: ReportIncidentDto, @Ctx() context: CommandContext): Promise<WriteResponse> {
    const incidentId = context.ids.next();
    const { subjects, ...facts } = plain(body);
    return this.commands.send(
      'incident',
      incidentId,
      'ReportIncident',
      { incidentId, ...facts, ...splitSubjects(subjects) },
      context,
    );
  }

  @Post(':id/amendments')
  @ApiOperation({ summary: 'Correct the facts of an incident, with a reason (IncidentAmended)' })
  amend(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AmendIncidentDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('incident', id, 'AmendIncident', plain(body), context);
  }

  @Post(':id/units')
  @ApiOperation({ summary: 'Link the units present (IncidentUnitsLinked)' })
  link(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: LinkUnitsDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('incident', id, 'LinkIncidentUnits', plain(body), context);
  }

  @Post(':id/investigators')
  @ApiOperation({
    summary:
      'Make an investigator responsible for the incident (IncidentInvestigatorAssigned): by an investigator responsible for it, or an admin',
  })
  assign(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AssignInvestigatorDto,
    @Ctx() context: CommandContext,
  ) {
    const data = plain(body);
    return this.commands.send(
      'incident',
      id,
      'AssignIncidentInvestigator',
      data,
      context,
      data.investigatorId,
    );
  }

  @Post(':id/closure')
  @ApiOperation({ summary: 'Close the incident, with a reason (IncidentClosed)' })
  close(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReasonDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('incident', id, 'CloseIncident', plain(body), context);
  }

  @Post(':id/reopening')
  @ApiOperation({ summary: 'Reopen a closed incident, with a reason (IncidentReopened)' })
  reopen(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReasonDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('incident', id, 'ReopenIncident', plain(body), context);
  }

  @Get()
  @ApiOperation({ summary: 'Incidents, by mission, category and status; now or as of an instant' })
  async list(@Query() query: IncidentListQuery, @CurrentPrincipal() principal: ActingPrincipal) {
    const { limit, after, asOf, ...filter } = query;
    const point = this.asOf.resolve(asOf);
    const visible = await this.liaisons.of(principal);
    return this.queries.execute(new IncidentListingQuery(filter, { limit, after }, point, visible));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One incident with its revision, now or as of an instant' })
  get(@Param('id', uuidParam('id')) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new IncidentQuery(id, this.asOf.resolve(query.asOf)));
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary:
      'Everything linked to the incident, by occurred or recorded time, as known at any instant',
  })
  timeline(@Param('id', uuidParam('id')) id: string, @Query() query: TimelineQuery) {
    return this.queries.execute(
      new IncidentTimelineQuery(id, query.order ?? 'occurred', this.asOf.resolve(query.asOf)),
    );
  }
}
