import { SqlitePrincipalStore, type PrincipalStore } from '@blue-ledger/access';
import {
  AccessScopeFollower,
  CommandPath,
  type RefusedConsequence,
} from '@blue-ledger/command-handling';
import {
  EventStoreDbEventStore,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@blue-ledger/event-store';
import { ledgerProjections, ProjectionRunner } from '@blue-ledger/projections';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigurationError, type LedgerConfig } from '../config/ledger-config';
import { privateDir, privateFile } from './private-data-dir';
import { CheckpointProgress, type ReadModelProgress } from './read-model-progress';
import { SqliteRecommendationLocator } from './recommendation-locator';
import type { LedgerSubjectKeys } from './ledger-subject-keys';
import { PostgresPrincipalStore } from './postgres-principal-store';
import { PostgresSubjectKeys } from './postgres-subject-keys';
import { SqliteSubjectKeys } from './sqlite-subject-keys';

export const READ_MODELS = Symbol('READ_MODELS');
/** The process's LedgerStorage, for what is opened from it (the principal store...). */
export const LEDGER_STORAGE = Symbol('LEDGER_STORAGE');
/** The SQLite file the API writes its own tables in (`LedgerStorage.apiState`). */
export const API_STATE = Symbol('API_STATE');
/** The process's AccessScopeFollower (`LedgerStorage.scope`). */
export const ACCESS_SCOPE = Symbol('ACCESS_SCOPE');

export interface LedgerStorage {
  config: LedgerConfig;
  store: EventStore;
  /** Read models and checkpoints (read-only when the projector owns them). */
  readModels: Database;
  /** Writes the read models; started only with `LEDGER_PROJECTIONS=in-process`. */
  runner: ProjectionRunner;
  /**
   * How far the read models have come, and the wait for them, whoever writes them: the runner
   * in this process (woken by its commits), or the projector's checkpoints.
   */
  progress: ReadModelProgress;
  /** The API's own tables (idempotency keys): the read-model file unless the projector owns it. */
  apiState: Database;
  /**
   * Subjects' keys for personal details: in the API's file, on a connection of their own, or
   * (LEDGER_STORE=postgres) in the database every instance shares.
   */
  subjectKeys: LedgerSubjectKeys;
  /** The access scope as of the store's head: one per process, for the checks and the reads. */
  scope: AccessScopeFollower;
  /**
   * LEDGER_STORE=postgres: the store's database (its pool), where the state every instance
   * must share lives too (idempotency keys, principals, subjects' keys, the access log).
   * Closed with the store.
   */
  database?: Pool;
  close(): Promise<void>;
}

/**
 * Opens the configured storage; the only way to open it on PostgreSQL, which is reached over
 * the network (connected and migrated before anything else starts).
 */
export async function connectLedgerStorage(config: LedgerConfig): Promise<LedgerStorage> {
  if (config.store !== 'postgres') return openLedgerStorage(config);
  privateDir(config.dataDir);
  const { store } = await connectEventStore(config);
  if (!(store instanceof PostgresEventStore)) throw new Error('expected the PostgreSQL store');
  try {
    const subjectKeys = await PostgresSubjectKeys.open(
      store.pool,
      config.dataDir,
      config.access.keyEncryptionKey,
    );
    return { ...assembleLedgerStorage(config, { store }, subjectKeys), database: store.pool };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * The embedded store keeps events and read models in one SQLite file, `ledger.sqlite`. On
 * EventStoreDB, read models live in a local file per node, `read-models.sqlite`. With
 * `LEDGER_PROJECTIONS=external` a projector process writes the read models; the API opens
 * that file for queries only and keeps its idempotency keys in the store's file (SQLite) or
 * in `idempotency-keys.sqlite` (EventStoreDB).
 */
export function openLedgerStorage(config: LedgerConfig): LedgerStorage {
  privateDir(config.dataDir);
  return assembleLedgerStorage(config, openEventStore(config));
}

function assembleLedgerStorage(
  config: LedgerConfig,
  { store, storeFile }: { store: EventStore; storeFile?: Database },
  sharedSubjectKeys?: LedgerSubjectKeys,
): LedgerStorage {
  const projections = ledgerProjections();
  const opened: Database[] = storeFile ? [storeFile] : [];
  const open = (file: string, options?: { queryOnly: boolean }): Database => {
    const db = options?.queryOnly ? openReadModelsForQueries(file) : openReadModelFile(file);
    opened.push(db);
    return db;
  };

  let readModels: Database;
  let apiState: Database;
  if (config.projections === 'external') {
    readModels = open(config.readModelsFile, { queryOnly: true });
    apiState = storeFile ?? open(path.join(config.dataDir, 'idempotency-keys.sqlite'));
  } else {
    readModels =
      storeFile && storeFile.name === config.readModelsFile
        ? storeFile
        : open(config.readModelsFile);
    apiState = readModels;
  }
  const runner = new ProjectionRunner(store, readModels, projections);
  const subjectKeys =
    sharedSubjectKeys ??
    SqliteSubjectKeys.open(apiState.name, config.dataDir, config.access.keyEncryptionKey);
  const progress: ReadModelProgress =
    config.projections === 'external' ? new CheckpointProgress(readModels, projections) : runner;
  return {
    config,
    store,
    readModels,
    runner,
    progress,
    apiState,
    subjectKeys,
    scope: new AccessScopeFollower(store),
    async close() {
      await runner.stop();
      await store.close();
      subjectKeys.close();
      for (const db of opened) db.close();
    },
  };
}

/** The principals of the store: in the API's SQLite file, or in the shared PostgreSQL database. */
export async function openPrincipalStore(storage: LedgerStorage): Promise<PrincipalStore> {
  return storage.database
    ? PostgresPrincipalStore.open(storage.database)
    : new SqlitePrincipalStore(storage.apiState);
}

/** How long a command waits for the in-process read models before it answers anyway. */
const READ_YOUR_WRITES_MS = 30_000;

export interface CommandPathWiring {
  /**
   * Read your writes: a command answers once the read models of this process have applied its
   * events (only with in-process projections; the projector's are not waited for). A wait that
   * fails is logged and the command still answers: its events are durable, and an error would
   * invite a retry of a write that happened.
   */
  readYourWrites?: { logError(message: string): void };
  /** Told when the consequence of implementing a decision was refused (see CommandPath). */
  onConsequenceRefused?: (refused: RefusedConsequence) => void;
}

/** The ledger's one write path over this storage. */
export function openCommandPath(
  storage: LedgerStorage,
  { readYourWrites, onConsequenceRefused }: CommandPathWiring = {},
): CommandPath {
  const waits = readYourWrites !== undefined && storage.config.projections === 'in-process';
  const afterAppend = waits
    ? (position: bigint) =>
        storage.progress.waitFor(position, READ_YOUR_WRITES_MS).catch((error: unknown) => {
          readYourWrites.logError(
            `read models did not reach position ${position}: ${error instanceof Error ? error.message : String(error)}`,
          );
        })
    : undefined;
  const readModels = new SqliteRecommendationLocator(
    storage.readModels,
    storage.progress,
    storage.store,
  );
  return new CommandPath({
    store: storage.store,
    subjectKeys: storage.subjectKeys,
    coverage: storage.scope,
    recommendations: readModels,
    appointments: readModels,
    pendingConsequences: readModels,
    afterAppend,
    onConsequenceRefused,
  });
}

/** The configured store; on SQLite also its connection, which the read models may share. */
export function openEventStore(config: LedgerConfig): {
  store: EventStore;
  storeFile?: Database;
} {
  if (config.store === 'sqlite') {
    const file = path.join(config.dataDir, 'ledger.sqlite');
    privateFile(file);
    const db = new BetterSqlite3(file, { timeout: 5000 });
    return { store: new SqliteEventStore(db), storeFile: db };
  }
  if (config.store === 'postgres') {
    throw new ConfigurationError(
      'LEDGER_STORE=postgres is opened asynchronously: use connectLedgerStorage (or PostgresEventStore.open).',
    );
  }
  return { store: new EventStoreDbEventStore(config.eventStoreUrl as string) };
}

/** The configured store, connected (and its schema migrated) when it is PostgreSQL. */
export async function connectEventStore(config: LedgerConfig): Promise<{
  store: EventStore;
  storeFile?: Database;
}> {
  if (config.store !== 'postgres') return openEventStore(config);
  return { store: await PostgresEventStore.open(config.databaseUrl as string) };
}

/** A read-model file this process writes: WAL, so that other processes can read it meanwhile. */
export function openReadModelFile(file: string): Database {
  privateFile(file);
  const db = new BetterSqlite3(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

/**
 * The projector's read-model file, opened by the API as a second connection that refuses
 * writes. WAL lets it read while the projector writes; each query sees a committed state.
 */
export function openReadModelsForQueries(file: string): Database {
  if (!fs.existsSync(file)) {
    throw new ConfigurationError(
      `LEDGER_PROJECTIONS=external: the read-model file ${file} does not exist. ` +
        'Start the projector first (npm run projector), or point LEDGER_READ_MODELS_FILE at its file.',
    );
  }
  const db = new BetterSqlite3(file, { timeout: 5000, fileMustExist: true });
  db.pragma('query_only = ON');
  return db;
}
