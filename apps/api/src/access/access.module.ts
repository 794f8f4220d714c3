import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Database } from 'better-sqlite3';
import {
  OidcVerifier,
  PrincipalAuthenticator,
  PrincipalRegistry,
  PrincipalStore,
} from '@blue-ledger/access';
import { ACCESS_CONFIG, API_STATE, type AccessConfig } from '@blue-ledger/runtime';
import { AccessGuard } from './access.guard';
import { AccessLog } from './access-log';
import { AccessLogController } from './access-log.controller';
import { AccessScopeService } from './access-scope.service';
import { AccessView } from './access-view';
import { AccessViewInterceptor } from './access-view.interceptor';
import { PrincipalsController } from './principals.controller';
import { RateLimiter } from './rate-limiter';
import { SubjectsController } from './subjects.controller';

/**
 * Who may do what: the access guard (permission table, principals, rate limits) on every
 * route, the access view on every answer (personal details, a liaison's scope), the
 * principals, subjects' keys and the access log, kept in the file the API writes (the
 * ledger's own SQLite file on the embedded store).
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(config: AccessConfig): DynamicModule {
    return {
      module: AccessModule,
      controllers: [PrincipalsController, SubjectsController, AccessLogController],
      providers: [
        { provide: ACCESS_CONFIG, useValue: config },
        {
          provide: PrincipalStore,
          useFactory: (db: Database) => new PrincipalStore(db),
          inject: [API_STATE],
        },
        {
          provide: AccessLog,
          useFactory: (db: Database) => new AccessLog(db),
          inject: [API_STATE],
        },
        {
          provide: PrincipalAuthenticator,
          useFactory: (registry: PrincipalRegistry, store: PrincipalStore) =>
            new PrincipalAuthenticator(
              registry,
              store,
              config.oidc && new OidcVerifier(config.oidc),
            ),
          inject: [PrincipalRegistry, PrincipalStore],
        },
        ThrottlerStorageService,
        RateLimiter,
        AccessScopeService,
        AccessView,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessViewInterceptor },
      ],
      exports: [
        ACCESS_CONFIG,
        AccessScopeService,
        AccessView,
        PrincipalStore,
        PrincipalAuthenticator,
        RateLimiter,
      ],
    };
  }
}
