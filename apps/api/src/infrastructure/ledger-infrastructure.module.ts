import {
  DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { PrincipalRegistry } from '@blue-ledger/access';
import {
  AggregateReader,
  AppointmentFinder,
  CommandPath,
  RecommendationFinder,
} from '@blue-ledger/command-handling';
import { EVENT_STORE } from '@blue-ledger/event-store';
import { ProjectionRunner } from '@blue-ledger/projections';
import {
  ACCESS_SCOPE,
  API_STATE,
  LEDGER_CONFIG,
  LEDGER_STORAGE,
  openCommandPath,
  connectLedgerStorage,
  READ_MODEL_PROGRESS,
  READ_MODELS,
  type LedgerConfig,
  type LedgerStorage,
} from '@blue-ledger/runtime';
import { SUBJECT_KEYS } from '../access/subject-keys.token';
import { IDEMPOTENCY_KEYS, IdempotencyStore } from '../http/idempotency.store';
import { PostgresIdempotencyKeys } from '../http/postgres-idempotency.store';
import {
  ALONE,
  PostgresStartWork,
  START_WORK,
  type StartWork,
  type StartWorkEvents,
} from './start-work';
import { takeoverMessage } from './advisory-lease';

/** The event store, the read-model database and the projection runner, chosen by configuration. */
@Global()
@Module({})
export class LedgerInfrastructureModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private stopping = false;

  constructor(
    @Inject(LEDGER_STORAGE) private readonly storage: LedgerStorage,
    @Inject(CommandPath) private readonly commandPath: CommandPath,
    @Inject(START_WORK) private readonly startWork: StartWork,
  ) {}

  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerInfrastructureModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: LEDGER_STORAGE, useFactory: () => connectLedgerStorage(config) },
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
          // Shared by every instance on PostgreSQL: a retry may reach any of them.
          provide: IDEMPOTENCY_KEYS,
          useFactory: async (s: LedgerStorage) =>
            s.database
              ? await PostgresIdempotencyKeys.open(s.database)
              : new IdempotencyStore(s.apiState),
          inject: [LEDGER_STORAGE],
        },
        {
          // On PostgreSQL the work at start is done by one instance, the others waiting.
          provide: START_WORK,
          useFactory: async (s: LedgerStorage) =>
            s.database
              ? await PostgresStartWork.open(s.database, s.config.instanceId, 'public', {
                  lease: { seconds: s.config.leaseSeconds },
                  events: startWorkLog(s.config.instanceId),
                })
              : ALONE,
          inject: [LEDGER_STORAGE],
        },
        {
          provide: SUBJECT_KEYS,
          useFactory: (s: LedgerStorage) => s.subjectKeys,
          inject: [LEDGER_STORAGE],
        },
        {
          provide: ACCESS_SCOPE,
          useFactory: (s: LedgerStorage) => s.scope,
          inject: [LEDGER_STORAGE],
        },
        {
          provide: CommandPath,
          useFactory: (s: LedgerStorage) => {
            const logger = new Logger('ReadYourWrites');
            return openCommandPath(s, {
              readYourWrites: { logError: (m) => logger.error(m) },
              onConsequenceRefused: ({ decisionId, code, message }) =>
                new Logger('Ledger').warn(
                  `the consequence of implementing decision ${decisionId} was refused (${code}): ${message}`,
                ),
            });
          },
          inject: [LEDGER_STORAGE],
        },
        {
          provide: AggregateReader,
          useFactory: (path: CommandPath) => path.reader,
          inject: [CommandPath],
        },
        {
          provide: RecommendationFinder,
          useFactory: (path: CommandPath) => path.recommendations,
          inject: [CommandPath],
        },
        {
          provide: AppointmentFinder,
          useFactory: (path: CommandPath) => path.appointments,
          inject: [CommandPath],
        },
        { provide: PrincipalRegistry, useFactory: () => principalRegistryFor(config) },
      ],
      exports: [
        LEDGER_CONFIG,
        LEDGER_STORAGE,
        EVENT_STORE,
        READ_MODELS,
        API_STATE,
        ProjectionRunner,
        READ_MODEL_PROGRESS,
        IDEMPOTENCY_KEYS,
        START_WORK,
        SUBJECT_KEYS,
        ACCESS_SCOPE,
        CommandPath,
        AggregateReader,
        RecommendationFinder,
        AppointmentFinder,
        PrincipalRegistry,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    const { dataDir } = this.storage.config;
    const keys = this.storage.subjectKeys;
    if (keys.kek.created) this.logger.log(`made the key-encryption key ${dataDir}/kek`);
    if (keys.migrated > 0) {
      this.logger.log(`wrapped ${keys.migrated} subject keys stored unwrapped by an older version`);
    }
    if (this.storage.config.projections === 'in-process') {
      await this.storage.runner.start();
    }
    this.logger.log(
      `event store: ${this.storage.config.store}; projections: ${this.storage.config.projections}`,
    );
    if (!this.storage.config.recordPendingConsequences) return;
    // An implementation recorded without its consequence (a crash between the two appends) is
    // completed now; in the background, for with external projections it waits for them.
    void this.recordPendingConsequences();
  }

  /**
   * On PostgreSQL one instance at a time looks for them; one that finds no implementation
   * recorded between the head the last look (any instance's) covered and the head it started
   * with has nothing to look at.
   */
  private async recordPendingConsequences(): Promise<void> {
    try {
      const startedWith = await this.storage.store.headPosition();
      await this.startWork.inTurn('pending_consequences', async (covered) => {
        if (startedWith === null) return null;
        if (
          covered !== null &&
          !(await this.commandPath.implementedBetween(covered, startedWith))
        ) {
          return null;
        }
        const recorded = await this.commandPath.recordPendingConsequences();
        if (recorded > 0) {
          this.logger.log(`recorded ${recorded} consequence(s) of implemented decisions`);
        }
        return { covered: startedWith, done: recorded };
      });
    } catch (error) {
      // Stopped while waiting for its turn, or in it: the next start looks again.
      if (this.stopping) return;
      this.logger.error(
        `could not record the pending consequences of implemented decisions: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // First: a task waiting for its turn must not keep the instance from stopping.
    this.stopping = true;
    await this.startWork.close();
    await this.storage.close();
  }
}

/** The takeovers of the work at start, in the log: who took it, from whom, how stale. */
function startWorkLog(instance: string): StartWorkEvents {
  const logger = new Logger('StartWork');
  return {
    tookOver: (takeover) => logger.warn(takeoverMessage(instance, takeover.task, takeover)),
    takeoverFailed: (task, message) =>
      logger.error(
        `${instance} could not end the stale holder of the ${task} turn (it goes on waiting): ${message}`,
      ),
  };
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
