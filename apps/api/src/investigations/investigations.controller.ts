import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@blue-ledger/command-handling';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfQuery } from '../as-of/as-of.query';
import { Ctx } from '../http/command-context.decorator';
import { uuidParam } from '../http/uuid-param.pipe';
import { plain } from '../http/write-response';
import { ReasonDto } from '../shared-dto/reason.dto';
import { splitSubjects } from '../shared-dto/subject.dto';
import { CommandSender } from '../commands/command-sender';
import {
  AppointNationalInvestigatorDto,
  AssignInvestigatorDto,
  CloseInvestigationDto,
  IssueRecommendationDto,
  LogEvidenceDto,
  NameUnitDto,
  OpenInvestigationDto,
  RecordFindingDto,
  ReviseFindingDto,
  SubmitReportDto,
  TransferCustodyDto,
} from './investigation.dto';
import { InvestigationQuery } from './investigation.queries';

@ApiTags('investigations')
@ApiBearerAuth()
@Controller('investigations')
export class InvestigationsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Open an investigation into one or more incidents (InvestigationOpened)',
  })
  open(@Body() body: OpenInvestigationDto, @Ctx() context: CommandContext) {
    const investigationId = context.ids.next();
    const data = { investigationId, ...plain(body) };
    return this.commands.send('investigation', investigationId, 'OpenInvestigation', data, context);
  }

  @Post(':id/investigators')
  @ApiOperation({ summary: 'Assign an investigator (InvestigatorAssigned)' })
  assign(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AssignInvestigatorDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send(
      'investigation',
      id,
      'AssignInvestigator',
      plain(body),
      context,
      body.investigatorId,
    );
  }

  @Post(':id/national-investigator')
  @ApiOperation({
    summary:
      "Record the contributing country's national investigation officer on its national investigation (NationalInvestigatorAppointed)",
  })
  appointNationalInvestigator(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AppointNationalInvestigatorDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send(
      'investigation',
      id,
      'AppointNationalInvestigator',
      plain(body),
      context,
    );
  }

  @Post(':id/evidence')
  @ApiOperation({ summary: 'Log evidence: its SHA-256 and custodian (EvidenceLogged)' })
  logEvidence(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: LogEvidenceDto,
    @Ctx() context: CommandContext,
  ) {
    const evidenceId = context.ids.next();
    const { subjects, ...evidence } = plain(body);
    const data = { evidenceId, ...evidence, ...splitSubjects(subjects) };
    return this.commands.send('investigation', id, 'LogEvidence', data, context, evidenceId);
  }

  @Post(':id/evidence/:evidenceId/custody')
  @ApiOperation({ summary: 'Transfer custody of evidence (EvidenceCustodyTransferred)' })
  transfer(
    @Param('id', uuidParam('id')) id: string,
    @Param('evidenceId', uuidParam('evidenceId')) evidenceId: string,
    @Body() body: TransferCustodyDto,
    @Ctx() context: CommandContext,
  ) {
    const data = { evidenceId, ...plain(body) };
    return this.commands.send(
      'investigation',
      id,
      'TransferEvidenceCustody',
      data,
      context,
      evidenceId,
    );
  }

  @Post(':id/findings')
  @ApiOperation({
    summary: 'Record a finding with its attributions and context factors (FindingRecorded)',
  })
  recordFinding(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordFindingDto,
    @Ctx() context: CommandContext,
  ) {
    const findingId = context.ids.next();
    const data = { findingId, ...plain(body) };
    return this.commands.send('investigation', id, 'RecordFinding', data, context, findingId);
  }

  @Post(':id/findings/:findingId/revisions')
  @ApiOperation({ summary: 'Revise a finding, with a reason (FindingRevised)' })
  reviseFinding(
    @Param('id', uuidParam('id')) id: string,
    @Param('findingId', uuidParam('findingId')) findingId: string,
    @Body() body: ReviseFindingDto,
    @Ctx() context: CommandContext,
  ) {
    const data = { findingId, ...plain(body) };
    return this.commands.send('investigation', id, 'ReviseFinding', data, context, findingId);
  }

  @Post(':id/findings/:findingId/withdrawal')
  @ApiOperation({ summary: 'Withdraw a finding, with a reason (FindingWithdrawn)' })
  withdrawFinding(
    @Param('id', uuidParam('id')) id: string,
    @Param('findingId', uuidParam('findingId')) findingId: string,
    @Body() body: ReasonDto,
    @Ctx() context: CommandContext,
  ) {
    const data = { findingId, ...plain(body) };
    return this.commands.send('investigation', id, 'WithdrawFinding', data, context, findingId);
  }

  @Post(':id/namings')
  @ApiOperation({ summary: 'Name a unit on the basis of findings attributed to it (UnitNamed)' })
  nameUnit(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: NameUnitDto,
    @Ctx() context: CommandContext,
  ) {
    const namingId = context.ids.next();
    const data = { namingId, ...plain(body) };
    return this.commands.send('investigation', id, 'NameUnit', data, context, namingId);
  }

  @Post(':id/recommendations')
  @ApiOperation({ summary: 'Issue a recommendation resting on findings (RecommendationIssued)' })
  recommend(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: IssueRecommendationDto,
    @Ctx() context: CommandContext,
  ) {
    const recommendationId = context.ids.next();
    const data = { recommendationId, ...plain(body) };
    return this.commands.send(
      'investigation',
      id,
      'IssueRecommendation',
      data,
      context,
      recommendationId,
    );
  }

  @Post(':id/reports')
  @ApiOperation({ summary: 'Submit the investigation report (InvestigationReportSubmitted)' })
  submitReport(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SubmitReportDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('investigation', id, 'SubmitReport', plain(body), context);
  }

  @Post(':id/closure')
  @ApiOperation({ summary: 'Close the investigation (InvestigationClosed)' })
  close(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CloseInvestigationDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('investigation', id, 'CloseInvestigation', plain(body), context);
  }

  @Post(':id/reopening')
  @ApiOperation({ summary: 'Reopen a closed investigation, with a reason (InvestigationReopened)' })
  reopen(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReasonDto,
    @Ctx() context: CommandContext,
  ) {
    return this.commands.send('investigation', id, 'ReopenInvestigation', plain(body), context);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One investigation with its revision, now or as of an instant' })
  get(@Param('id', uuidParam('id')) id: string, @Query() query: AsOfQuery) {
    return this.queries.execute(new InvestigationQuery(id, this.asOf.resolve(query.asOf)));
  }
}
