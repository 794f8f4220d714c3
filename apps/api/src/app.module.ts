import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandSender } from './commands/command-sender';
import { LedgerCommandHandler } from './commands/ledger-command.handler';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import type { LedgerConfig } from '@blue-ledger/runtime';
import { AsOfResolver } from './as-of/as-of-resolver';
import { SubjectErasures } from './access/subject-erasures';
import { SubjectsController } from './access/subjects.controller';
import { ContingentQueryHandlers } from './contingents/contingent.queries';
import { DecisionQueryHandlers } from './decisions/decision.queries';
import { InvestigationQueryHandlers } from './investigations/investigation.queries';
import { MissionQueryHandlers } from './missions/mission.queries';
import { StreamQueryHandlers } from './streams/stream.queries';
import { ContingentsController } from './contingents/contingents.controller';
import { DeadlineQueryHandlers } from './deadlines/deadline.queries';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { DecisionsController } from './decisions/decisions.controller';
import { FairnessController } from './fairness/fairness.controller';
import { FairnessQueryHandlers } from './fairness/fairness.queries';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { IncidentQueryHandlers } from './incidents/incident.queries';
import { IncidentsController } from './incidents/incidents.controller';
import { LedgerInfrastructureModule } from './infrastructure/ledger-infrastructure.module';
import { IntegrityModule } from './integrity/integrity.module';
import { InvestigationsController } from './investigations/investigations.controller';
import { MissionsController } from './missions/missions.controller';
import { AuditController } from './audit/audit.controller';
import { AuditQueryHandlers } from './audit/audit.queries';
import { RecommendationsController } from './recommendations/recommendations.controller';
import { RecommendationQueryHandlers } from './recommendations/recommendation.queries';
import { StreamsController } from './streams/streams.controller';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PagesModule } from './pages/pages.module';
import { ReadPositionInterceptor } from './read-position/read-position.interceptor';
import { RootRedirectController } from './pages/root-redirect.controller';

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: config.logLevel === 'debug' || config.logLevel === 'trace',
          },
        }),
        CqrsModule.forRoot(),
        LedgerInfrastructureModule.forRoot(config),
        IntegrityModule,
        AccessModule.forRoot(config.access),
        PagesModule,
      ],
      controllers: [
        RootRedirectController,
        HealthController,
        MissionsController,
        ContingentsController,
        IncidentsController,
        InvestigationsController,
        DecisionsController,
        RecommendationsController,
        DeadlinesController,
        FairnessController,
        AuditController,
        StreamsController,
        SubjectsController,
      ],
      providers: [
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadPositionInterceptor },
        LedgerCommandHandler,
        CommandSender,
        AsOfResolver,
        SubjectErasures,
        ...ContingentQueryHandlers,
        ...DecisionQueryHandlers,
        ...InvestigationQueryHandlers,
        ...MissionQueryHandlers,
        ...StreamQueryHandlers,
        ...IncidentQueryHandlers,
        ...RecommendationQueryHandlers,
        ...AuditQueryHandlers,
        ...DeadlineQueryHandlers,
        ...FairnessQueryHandlers,
      ],
    };
  }
}
