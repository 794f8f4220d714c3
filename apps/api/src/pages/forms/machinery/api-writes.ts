import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { PrincipalRegistry, PRINCIPAL_STORE, type PrincipalStore } from '@blue-ledger/access';
import { AppointmentFinder, RecommendationFinder } from '@blue-ledger/command-handling';
import { LiaisonVisibility } from '../../../access/liaison-visibility';
import { PrincipalsController } from '../../../access/principals.controller';
import { SubjectErasures } from '../../../access/subject-erasures';
import { SubjectsController } from '../../../access/subjects.controller';
import { AsOfResolver } from '../../../as-of/as-of-resolver';
import { CommandSender } from '../../../commands/command-sender';
import { ContingentsController } from '../../../contingents/contingents.controller';
import { DecisionsController } from '../../../decisions/decisions.controller';
import { IncidentsController } from '../../../incidents/incidents.controller';
import { InvestigationsController } from '../../../investigations/investigations.controller';
import { MissionsController } from '../../../missions/missions.controller';

/**
 * The JSON API's own write methods, for the forms: each form calls the same controller method
 * as its API route, with the DTO the API's validation pipe made and the command context the API
 * builds, so that the command it sends (`CommandSender`) (and every refusal) is the API's.
 */
@Injectable()
export class ApiWrites {
  readonly incidents: IncidentsController;
  readonly investigations: InvestigationsController;
  readonly contingents: ContingentsController;
  readonly decisions: DecisionsController;
  readonly missions: MissionsController;
  readonly principals: PrincipalsController;
  private subjectsController?: SubjectsController;

  constructor(
    commands: CommandSender,
    queries: QueryBus,
    asOf: AsOfResolver,
    liaisons: LiaisonVisibility,
    recommendations: RecommendationFinder,
    appointments: AppointmentFinder,
    @Inject(PRINCIPAL_STORE) principalStore: PrincipalStore,
    registry: PrincipalRegistry,
    private readonly modules: ModuleRef,
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
    this.principals = new PrincipalsController(principalStore, registry);
  }

  /** Erasure: the API's `SubjectErasures` (provided by the app module, found when first used). */
  get subjects(): SubjectsController {
    this.subjectsController ??= new SubjectsController(
      this.modules.get(SubjectErasures, { strict: false }),
    );
    return this.subjectsController;
  }
}
