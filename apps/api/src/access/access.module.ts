import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import {
  derivedSecret,
  OidcVerifier,
  PrincipalAuthenticator,
  PrincipalRegistry,
  PRINCIPAL_STORE,
  type PrincipalStore,
} from '@blue-ledger/access';
import {
  ACCESS_CONFIG,
  API_STATE,
  LEDGER_STORAGE,
  openPrincipalStore,
  type LedgerStorage,
  type AccessConfig,
  type LedgerSubjectKeys,
} from '@blue-ledger/runtime';
import type { Database } from 'better-sqlite3';
import { IDEMPOTENCY_SECRET, IDEMPOTENCY_SECRET_PURPOSE } from '../http/idempotency-secret';
import { AccessGuard } from './access.guard';
import { ACCESS_LOG, SqliteAccessLog } from './access-log';
import { AccessLogController } from './access-log.controller';
import { PostgresAccessLog } from './postgres-access-log';
import { AccessScopeService } from './access-scope.service';
import { AccessView } from './access-view';
import { AccessViewInterceptor } from './access-view.interceptor';
import { AuthenticationThrottle } from './authentication-throttle';
import { DataDirPermissions } from './data-dir-permissions';
import { LiaisonVisibility } from './liaison-visibility';
import { PrincipalsController } from './principals.controller';
import { RateLimiter } from './rate-limiter';
import { SUBJECT_KEYS } from './subject-keys.token';

/**
 * Who may do what: the access guard (permission table, principals, rate limits) on every
 * route, the access view on every answer (personal details, a liaison's scope), the
 * principals and the access log, kept in the file the API writes (the ledger's own SQLite
 * file on the embedded store). Subjects' keys are opened with the storage.
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(config: AccessConfig): DynamicModule {
    return {
      module: AccessModule,
      controllers: [PrincipalsController, AccessLogController],
      providers: [
        { provide: ACCESS_CONFIG, useValue: config },
        {
          provide: PRINCIPAL_STORE,
          useFactory: (storage: LedgerStorage) => openPrincipalStore(storage),
          inject: [LEDGER_STORAGE],
        },
        {
          // Shared by every instance on PostgreSQL: one log of the reads of all of them.
          provide: ACCESS_LOG,
          useFactory: async (db: Database, storage: LedgerStorage) =>
            storage.database
              ? await PostgresAccessLog.open(storage.database)
              : new SqliteAccessLog(db),
          inject: [API_STATE, LEDGER_STORAGE],
        },
        {
          provide: PrincipalAuthenticator,
          useFactory: (registry: PrincipalRegistry, store: PrincipalStore) =>
            new PrincipalAuthenticator(
              registry,
              store,
              config.oidc && new OidcVerifier(config.oidc),
            ),
          inject: [PrincipalRegistry, PRINCIPAL_STORE],
        },
        {
          provide: IDEMPOTENCY_SECRET,
          useFactory: (keys: LedgerSubjectKeys) =>
            derivedSecret(keys.kek.key, IDEMPOTENCY_SECRET_PURPOSE),
          inject: [SUBJECT_KEYS],
        },
        {
          provide: AuthenticationThrottle,
          useFactory: () =>
            new AuthenticationThrottle(config.rateLimit.perAddress, config.rateLimit.windowSeconds),
        },
        ThrottlerStorageService,
        RateLimiter,
        AccessScopeService,
        AccessView,
        LiaisonVisibility,
        DataDirPermissions,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessViewInterceptor },
      ],
      exports: [
        ACCESS_CONFIG,
        IDEMPOTENCY_SECRET,
        AuthenticationThrottle,
        LiaisonVisibility,
        AccessScopeService,
        AccessView,
        PRINCIPAL_STORE,
        PrincipalAuthenticator,
        RateLimiter,
      ],
    };
  }
}
