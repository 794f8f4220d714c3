import {
  EventStoreDbEventStore,
  SqliteEventStore,
  type EventStore,
} from '@blue-ledger/event-store';
import { ledgerProjections, ProjectionRunner } from '@blue-ledger/projections';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LedgerConfig } from '../config/ledger-config';

export const READ_MODELS = Symbol('READ_MODELS');

export interface LedgerStorage {
  config: LedgerConfig;
  store: EventStore;
  /** Read models, checkpoints and idempotency keys. */
  readModels: Database;
  runner: ProjectionRunner;
  close(): Promise<void>;
}

/**
 * The embedded store keeps events and read models in one SQLite file, `ledger.sqlite`. On
 * EventStoreDB, read models live in a local file per node, `read-models.sqlite`.
 */
export function openLedgerStorage(config: LedgerConfig): LedgerStorage {
  fs.mkdirSync(config.dataDir, { recursive: true });
  let store: EventStore;
  let readModels: Database;
  if (config.store === 'sqlite') {
    readModels = new BetterSqlite3(path.join(config.dataDir, 'ledger.sqlite'), { timeout: 5000 });
    store = new SqliteEventStore(readModels);
  } else {
    readModels = new BetterSqlite3(path.join(config.dataDir, 'read-models.sqlite'), {
      timeout: 5000,
    });
    readModels.pragma('journal_mode = WAL');
    readModels.pragma('synchronous = FULL');
    store = new EventStoreDbEventStore(config.eventStoreUrl as string);
  }
  const runner = new ProjectionRunner(store, readModels, ledgerProjections());
  return {
    config,
    store,
    readModels,
    runner,
    async close() {
      await runner.stop();
      await store.close();
      readModels.close();
    },
  };
}
