import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { ActingPrincipal } from '../auth/principal';
import type { CommandContext } from '@blue-ledger/command-handling';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { AsOfPageQuery, AsOfQuery } from '../as-of/as-of.query';
import { NOW, type ReadPoint } from '../as-of/read-point';
import { Ctx } from '../http/command-context.decorator';
import { uuidParam } from '../http/uuid-param.pipe';
import { WriteResponse } from '../http/write-response';
import { liaisonNotFound } from '../access/liaison-not-found';
import { asOfFields, notRecorded } from '../as-of/read-point';
import { CommandSender } from '../commands/command-sender';
import {
  CommendContingentDto,
  ContingentListQuery,
  EvaluateContingentDto,
  NotifyTccDto,
  RecordTccResponseDto,
  ReHatContingentDto,
  RegisterContingentDto,
  ReturnContingentDto,
  RotateContingentDto,
  WithdrawContingentDto,
} from './contingent.dto';
import {
  ContingentHistoryQuery,
  ContingentListingQuery,
  ContingentQuery,
  ContingentStatesQuery,
} from './contingent.queries';

@ApiTags('contingents')
@ApiBearerAuth()
@Controller('contingents')
export class ContingentsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly queries: QueryBus,
    private readonly asOf: AsOfResolver,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a contingent (ContingentRegistered)' })
  register(
    @Body() body: RegisterContingentDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    const contingentId = context.ids.next();
    const data = { contingentId, ...body };
    return this.commands.send('contingent', contingentId, 'RegisterContingent', data, context);
  }

  @Post(':id/rotations')
  @ApiOperation({ summary: 'Record a rotation: new personnel and commander (ContingentRotated)' })
  rotate(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RotateContingentDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    const rotationId = context.ids.next();
    return this.commands.send(
      'contingent',
      id,
      'RotateContingent',
      { rotationId, ...body },
      context,
      rotationId,
    );
  }

  @Post(':id/rehatting')
  @ApiOperation({ summary: 'Re-hat into a UN mission, keeping the history (ContingentReHatted)' })
  rehat(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReHatContingentDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    return this.commands.send('contingent', id, 'ReHatContingent', { ...body }, context);
  }

  @Post(':id/withdrawal')
  @ApiOperation({
    summary:
      'Record that the unit left its mission, withdrawn by its country or the UN, and why (ContingentWithdrawn)',
  })
  withdraw(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: WithdrawContingentDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    return this.commands.send('contingent', id, 'WithdrawContingent', { ...body }, context);
  }

  @Post(':id/return')
  @ApiOperation({ summary: 'Record that a withdrawn unit came back (ContingentReturned)' })
  returnTo(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReturnContingentDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    return this.commands.send('contingent', id, 'ReturnContingent', { ...body }, context);
  }

  @Post(':id/evaluations')
  @ApiOperation({ summary: 'Record a unit evaluation (ContingentEvaluated)' })
  evaluate(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: EvaluateContingentDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    const evaluationId = context.ids.next();
    return this.commands.send(
      'contingent',
      id,
      'EvaluateContingent',
      { evaluationId, ...body },
      context,
      evaluationId,
    );
  }

  @Post(':id/commendations')
  @ApiOperation({ summary: 'Record a commendation (ContingentCommended)' })
  commend(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CommendContingentDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    const commendationId = context.ids.next();
    return this.commands.send(
      'contingent',
      id,
      'CommendContingent',
      { commendationId, ...body },
      context,
      commendationId,
    );
  }

  @Post(':id/notifications')
  @ApiOperation({ summary: 'Record that the contributing country was notified (TccNotified)' })
  notify(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: NotifyTccDto,
    @Ctx() context: CommandContext,
  ): Promise<WriteResponse> {
    const notificationId = context.ids.next();
    return this.commands.send(
      'contingent',
      id,
      'NotifyTcc',
      { notificationId, ...body },
      context,
      notificationId,
    );
  }

  @Post(':id/replies')
  @ApiOperation({ summary: "Record the contributing country's reply (TccResponseRecorded)" })
  async reply(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordTccResponseDto,
    @Ctx() context: CommandContext,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): Promise<WriteResponse> {
    await this.requireOwnCountry(id, principal);
    const responseId = context.ids.next();
    return this.commands.send(
      'contingent',
      id,
      'RecordTccResponse',
      { responseId, ...body },
      context,
      responseId,
    );
  }

  @Get()
  @ApiOperation({ summary: 'Contingents, by country and mission; now or as of an instant' })
  list(@Query() query: ContingentListQuery, @CurrentPrincipal() principal: ActingPrincipal) {
    const { limit, after, asOf, ...filter } = query;
    const point = this.asOf.resolve(asOf);
    const country = principal.actingRole === 'tcc_liaison' ? principal.country : filter.country;
    if (principal.actingRole === 'tcc_liaison' && filter.country && filter.country !== country) {
      return { items: [], next: null, ...asOfFields(point) };
    }
    return this.queries.execute(
      new ContingentListingQuery({ ...filter, country }, { limit, after }, point),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One contingent, with its revision: where it is (deployed, or since when gone and why) and its strength over time (0 while gone); now or as of an instant',
  })
  async get(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: ActingPrincipal,
  ) {
    return this.requireOwnCountry(id, principal, this.asOf.resolve(query.asOf));
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      "Accountability history, a page of facts at a time: deployments, withdrawals and returns, incidents, findings, namings, decisions, replies, evaluations, and the deadlines the page's events started; now or as of an instant",
  })
  async history(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: AsOfPageQuery,
    @CurrentPrincipal() principal: ActingPrincipal,
  ) {
    const { limit, after, asOf } = query;
    const point = this.asOf.resolve(asOf);
    // The unit exists now and is the liaison's own; its history as of an instant before it was
    // registered is the empty record. Asked of the contingents read model, which the history is
    // read from too: folding the unit's stream (as `requireOwnCountry` does) grows with its life.
    await this.requireOwnCountryFromReadModel(id, principal);
    return this.queries.execute(new ContingentHistoryQuery(id, { limit, after }, point));
  }

  /** The same check as `requireOwnCountry`, now, on the contingents read model: one indexed row. */
  private async requireOwnCountryFromReadModel(id: string, principal: ActingPrincipal) {
    const { items } = (await this.queries.execute(new ContingentStatesQuery([id]))) as {
      items: { country: string }[];
    };
    const contingent = items[0];
    if (contingent === undefined) {
      throw notRecorded('contingent_not_found', `No contingent ${id} is registered`, NOW);
    }
    if (principal.actingRole === 'tcc_liaison' && contingent.country !== principal.country) {
      throw liaisonNotFound();
    }
  }

  /** Loads the contingent (now, or at the point); a liaison may act only for its own country's units. */
  private async requireOwnCountry(id: string, principal: ActingPrincipal, point: ReadPoint = NOW) {
    const contingent = (await this.queries.execute(new ContingentQuery(id, point))) as {
      country: string;
    };
    if (principal.actingRole === 'tcc_liaison' && contingent.country !== principal.country) {
      // Another country's unit is, to a liaison, exactly as absent as an unknown one.
      throw liaisonNotFound();
    }
    return contingent;
  }
}
