import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { derivedSecret } from '@blue-ledger/access';
import type { Database } from 'better-sqlite3';
import { PrincipalRegistry } from '../auth/principal-registry';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { IDEMPOTENCY_SECRET, IDEMPOTENCY_SECRET_PURPOSE } from '../http/idempotency-secret';
import { API_STATE } from '../infrastructure/ledger-storage';
import { ACCESS_CONFIG, type AccessConfig } from './access-config';
import { AccessGuard } from './access.guard';
import { AuthenticationThrottle } from './authentication-throttle';
import { AccessLog } from './access-log';
import { AccessLogController } from './access-log.controller';
import { AccessScopeService } from './access-scope.service';
import { DataDirPermissions } from './data-dir-permissions';
import { LiaisonVisibility } from './liaison-visibility';
import { AccessViewInterceptor } from './access-view.interceptor';
import { OidcVerifier } from './oidc-verifier';
import { PrincipalAuthenticator } from './principal-authenticator';
import { PrincipalStore } from './principal-store';
import { PrincipalsController } from './principals.controller';
import { RateLimiter } from './rate-limiter';
import { SqliteSubjectKeys } from './sqlite-subject-keys';
import { SUBJECT_KEYS } from './subject-keys.token';

/**
 * Who may do what: the access guard (permission table, principals, rate limits) on every
 * route, the access view on every answer (personal details, a liaison's scope), the
 * principals, subjects' keys and the access log, kept in the file the API writes (the
 * ledger's own SQLite file on the embedded store).
 */
const logger = new Logger('Access');

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
          provide: SUBJECT_KEYS,
          useFactory: (db: Database, ledger: LedgerConfig) => {
            const keys = SqliteSubjectKeys.open(db.name, ledger.dataDir, config.keyEncryptionKey);
            if (keys.kek.created) logger.log(`made the key-encryption key ${ledger.dataDir}/kek`);
            if (keys.migrated > 0) {
              logger.log(
                `wrapped ${keys.migrated} subject keys stored unwrapped by an older version`,
              );
            }
            return keys;
          },
          inject: [API_STATE, LEDGER_CONFIG],
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
        {
          provide: IDEMPOTENCY_SECRET,
          useFactory: (keys: SqliteSubjectKeys) =>
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
        LiaisonVisibility,
        DataDirPermissions,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessViewInterceptor },
      ],
      exports: [
        ACCESS_CONFIG,
        SUBJECT_KEYS,
        IDEMPOTENCY_SECRET,
        LiaisonVisibility,
        AccessScopeService,
        PrincipalStore,
      ],
    };
  }
}
