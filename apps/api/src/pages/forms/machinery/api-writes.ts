import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AppointmentFinder, RecommendationFinder } from '@blue-ledger/command-handling';
import { LiaisonVisibility } from '../../../access/liaison-visibility';
import { AsOfResolver } from '../../../as-of/as-of-resolver';
import { ContingentsController } from '../../../contingents/contingents.controller';
import { DecisionsController } from '../../../decisions/decisions.controller';
import { IncidentsController } from '../../../incidents/incidents.controller';
import { InvestigationsController } from '../../../investigations/investigations.controller';
import { MissionsController } from '../../../missions/missions.controller';

/**
 * The JSON API's own write methods, for the forms: each form calls the same controller method
 * as its API route, with the DTO the API's validation pipe made and the command context the API
 * builds, so that the command it sends on the CommandBus (and every refusal) is the API's.
 */
@Injectable()
export class ApiWrites {
  readonly incidents: IncidentsController;
  readonly investigations: InvestigationsController;
  readonly contingents: ContingentsController;
  readonly decisions: DecisionsController;
  readonly missions: MissionsController;

  constructor(
    commands: CommandBus,
    queries: QueryBus,
    asOf: AsOfResolver,
    liaisons: LiaisonVisibility,
    recommendations: RecommendationFinder,
    appointments: AppointmentFinder,
  ) {
    this.incidents = new IncidentsController(commands, queries, asOf, liaisons);
    this.investigations = new InvestigationsController(commands, queries, asOf);
    this.contingents = new ContingentsController(commands, queries, asOf);
    this.decisions = new DecisionsController(
      commands,
      queries,
      asOf,
      recommendations,
      appointments,
    );
    this.missions = new MissionsController(commands, queries, asOf);
  }
}
