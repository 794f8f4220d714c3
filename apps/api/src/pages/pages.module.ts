import { Global, Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { urlencoded } from 'express';
import {
  LEDGER_CONFIG,
  LEDGER_STORAGE,
  type LedgerConfig,
  type LedgerStorage,
} from '@blue-ledger/runtime';
import { AssetsController } from './assets/assets.controller';
import { AuditPageController } from './audit/audit-page.controller';
import { EventPageController } from './events/event-page.controller';
import { AsOfResolver } from '../as-of/as-of-resolver';
import { CommandSender } from '../commands/command-sender';
import { FORM_CONTROLLERS, FORM_PROVIDERS } from './forms';
import { HomePageController } from './home/home-page.controller';
import { IncidentPageController } from './incident/incident-page.controller';
import { TimelinePageController } from './timeline/timeline-page.controller';
import { ContingentPageController } from './contingent/contingent-page.controller';
import { ContingentsPageController } from './contingents/contingents-page.controller';
import { FairnessPageController } from './fairness/fairness-page.controller';
import { FollowThroughPageController } from './follow-through/follow-through-page.controller';
import { InvestigationPageController } from './investigation/investigation-page.controller';
import { IncidentsPageController } from './incidents/incidents-page.controller';
import { IntegrityPageController } from './integrity/integrity-page.controller';
import { NotFoundPageController } from './not-found/not-found-page.controller';
import { PageExceptionFilter } from './rendering/page-exception.filter';
import { PageReads } from './rendering/page-reads';
import { PageRenderer } from './rendering/page-renderer';
import { Csrf } from './security/csrf';
import { pageHeaders } from './security/page-headers';
import { PageAccess } from './sessions/page-access';
import { PageSessions } from './sessions/page-sessions';
import { loadOrCreateSessionSecret, SESSION_SECRET } from './sessions/session-secret';
import { PostgresSessionStore } from './sessions/postgres-session-store';
import { SESSION_STORE, SqliteSessionStore, type SessionStore } from './sessions/session-store';
import { SignInController } from './sign-in/sign-in.controller';

/** Forms are small: a token, filters, a reason, a finding. */
const FORM_LIMIT = '64kb';

/**
 * The web pages under /ui: server-rendered, one folder a page, read through the same query
 * side and access view as the JSON API; sessions, CSRF and a strict CSP of their own. Global,
 * because the access guard admits page requests through `PageAccess`.
 */
@Global()
@Module({
  controllers: [
    AssetsController,
    HomePageController,
    IncidentsPageController,
    IncidentPageController,
    TimelinePageController,
    ContingentsPageController,
    ContingentPageController,
    FollowThroughPageController,
    FairnessPageController,
    InvestigationPageController,
    AuditPageController,
    EventPageController,
    IntegrityPageController,
    SignInController,
    ...FORM_CONTROLLERS,
    // Last: whatever else is asked for under /ui is a page that is not there.
    NotFoundPageController,
  ],
  providers: [
    {
      // Shared by every instance on PostgreSQL: a session opened on one holds on all.
      provide: SESSION_STORE,
      useFactory: async (storage: LedgerStorage): Promise<SessionStore> =>
        storage.database
          ? await PostgresSessionStore.open(storage.database)
          : new SqliteSessionStore(storage.apiState),
      inject: [LEDGER_STORAGE],
    },
    {
      // On PostgreSQL the cookies' key is the same for every instance (kept in the database).
      provide: SESSION_SECRET,
      useFactory: (config: LedgerConfig, sessions: SessionStore) =>
        sessions instanceof PostgresSessionStore
          ? sessions.sharedSecret()
          : loadOrCreateSessionSecret(config.dataDir),
      inject: [LEDGER_CONFIG, SESSION_STORE],
    },
    PageSessions,
    Csrf,
    PageAccess,
    PageRenderer,
    PageReads,
    PageExceptionFilter,
    AsOfResolver,
    // The forms write through the API's controllers, which send with it (stateless).
    CommandSender,
    ...FORM_PROVIDERS,
  ],
  exports: [PageAccess, PageSessions],
})
export class PagesModule implements NestModule {
  constructor(@Inject(SESSION_SECRET) private readonly secret: string) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(
        pageHeaders,
        cookieParser(this.secret),
        urlencoded({ extended: false, limit: FORM_LIMIT }),
      )
      .forRoutes('ui', 'ui/*path');
  }
}
