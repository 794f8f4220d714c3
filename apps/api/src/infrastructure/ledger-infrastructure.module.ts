import {
  DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import { ProjectionRunner } from '@blue-ledger/projections';
import type Database from 'better-sqlite3';
import { PrincipalRegistry } from '../auth/principal-registry';
import { RECOMMENDATION_LOCATOR } from '../commands/recommendation-finder';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { IdempotencyStore } from '../http/idempotency.store';
import { API_STATE, openLedgerStorage, READ_MODELS, type LedgerStorage } from './ledger-storage';
import { ProjectionSync } from './projection-sync';
import { READ_MODEL_PROGRESS } from './read-model-progress';
import { SqliteRecommendationLocator } from './recommendation-locator';

const LEDGER_STORAGE = Symbol('LEDGER_STORAGE');

/** The event store, the read-model database and the projection runner, chosen by configuration. */
@Global()
@Module({})
export class LedgerInfrastructureModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');

  constructor(@Inject(LEDGER_STORAGE) private readonly storage: LedgerStorage) {}

  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerInfrastructureModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: LEDGER_STORAGE, useFactory: () => openLedgerStorage(config) },
        {
          provide: EVENT_STORE,
          useFactory: (s: LedgerStorage) => s.store,
          inject: [LEDGER_STORAGE],
        },
        {
          provide: READ_MODELS,
          useFactory: (s: LedgerStorage) => s.readModels,
          inject: [LEDGER_STORAGE],
        },
        {
          provide: ProjectionRunner,
          useFactory: (s: LedgerStorage) => s.runner,
          inject: [LEDGER_STORAGE],
        },
        {
          provide: ProjectionSync,
          useFactory: (s: LedgerStorage) =>
            new ProjectionSync(
              config.projections === 'in-process'
                ? (position: bigint) => s.runner.waitForPosition(Number(position), 30_000)
                : undefined,
            ),
          inject: [LEDGER_STORAGE],
        },
        {
          provide: READ_MODEL_PROGRESS,
          useFactory: (s: LedgerStorage) => s.progress,
          inject: [LEDGER_STORAGE],
        },
        {
          provide: API_STATE,
          useFactory: (s: LedgerStorage) => s.apiState,
          inject: [LEDGER_STORAGE],
        },
        {
          provide: IdempotencyStore,
          useFactory: (s: LedgerStorage) => new IdempotencyStore(s.apiState),
          inject: [LEDGER_STORAGE],
        },
        {
          provide: RECOMMENDATION_LOCATOR,
          useFactory: (db: Database.Database, s: LedgerStorage, store: EventStore) =>
            new SqliteRecommendationLocator(db, s.progress, store),
          inject: [READ_MODELS, LEDGER_STORAGE, EVENT_STORE],
        },
        { provide: PrincipalRegistry, useFactory: () => principalRegistryFor(config) },
      ],
      exports: [
        LEDGER_CONFIG,
        EVENT_STORE,
        READ_MODELS,
        API_STATE,
        ProjectionRunner,
        ProjectionSync,
        READ_MODEL_PROGRESS,
        IdempotencyStore,
        RECOMMENDATION_LOCATOR,
        PrincipalRegistry,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    if (this.storage.config.projections === 'in-process') {
      await this.storage.runner.start();
    }
    this.logger.log(
      `event store: ${this.storage.config.store}; projections: ${this.storage.config.projections}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

function principalRegistryFor(config: LedgerConfig): PrincipalRegistry {
  if (config.principals) return new PrincipalRegistry(config.principals);
  const { principal, created } = PrincipalRegistry.bootstrapAdmin(config.dataDir);
  if (created) {
    // Shown once, on the console only: the operator needs it to register the first missions.
    console.log(
      `\nNo LEDGER_PRINCIPALS set: created an admin principal, kept in ${config.dataDir}/admin-principal.json\n` +
        `  Authorization: Bearer ${principal.token}\n`,
    );
  }
  return new PrincipalRegistry([principal]);
}
