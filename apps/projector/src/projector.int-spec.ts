import {
  EventStoreDbEventStore,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@blue-ledger/event-store';
import { ledgerProjections } from '@blue-ledger/projections';
import { loadOrCreateKeyPair, verifyTreeHead } from '@blue-ledger/integrity';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  startEventStoreDbDouble,
  type EventStoreDbDouble,
} from '../../../test/eventstoredb-double';
import { connectEventStore, loadConfig, sharedTreeHeadsOf } from '@blue-ledger/runtime';
import { describeOnPostgres } from '../../../libs/event-store/src/postgres/testing/test-database';
import { createDatabase, dropDatabase } from '../../../test/postgres/support/postgres-deployment';
import { startProjector, type Projector } from './projector';
import { dumpReadModelFile, rebuiltFromZero } from './testing/read-model-dump';
import { appendEvents, scenarioEvents } from './testing/scenario-events';

describe('The projector', () => {
  let dataDir: string;
  let running: Projector | undefined;
  const logged: string[] = [];
  const logger = { info: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
  const failures: Error[] = [];

  const start = (env: Record<string, string>) => {
    const config = loadConfig({ LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
    running = startProjector(config, logger, (error) => failures.push(error));
    return running;
  };

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    logged.length = 0;
    failures.length = 0;
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('on EventStoreDB (the gRPC test double)', () => {
    let double: EventStoreDbDouble;
    let store: EventStore;
    let env: Record<string, string>;

    beforeEach(async () => {
      double = await startEventStoreDbDouble();
      store = new EventStoreDbEventStore(double.url);
      env = { LEDGER_STORE: 'eventstoredb', EVENTSTORE_URL: double.url };
    });

    afterEach(async () => {
      await store.close();
      await double.stop();
    });

    it('builds read-models.sqlite in the data directory, equal to a rebuild from zero', async () => {
      await appendEvents(store, scenarioEvents());

      const projector = start(env);
      await projector.caughtUp;
      const status = await projector.status();

      expect(status).toMatchObject({ status: 'live', caughtUp: true });
      expect(status.position).toBe(Number(await store.headPosition()));
      expect(dumpReadModelFile(path.join(dataDir, 'read-models.sqlite'))).toEqual(
        await rebuiltFromZero(store),
      );
      expect(failures).toEqual([]);
    });

    it('resumes from its checkpoint after a restart and applies every event once', async () => {
      const events = scenarioEvents();
      const half = Math.floor(events.length / 2);
      await appendEvents(store, events.slice(0, half));
      const first = start(env);
      await first.caughtUp;
      const { position: stoppedAt } = await first.status();
      await first.stop();

      await appendEvents(store, events.slice(half));
      const second = start(env);
      await second.caughtUp;

      expect(logged).toContain(
        `projector: following the eventstoredb store into ${path.join(dataDir, 'read-models.sqlite')} from its checkpoint at position ${stoppedAt}`,
      );
      expect((await second.status()).position).toBe(Number(await store.headPosition()));
      expect(dumpReadModelFile(path.join(dataDir, 'read-models.sqlite'))).toEqual(
        await rebuiltFromZero(store),
      );
    });

    it('signs tree heads over the log it projects, with the notary key of its data directory', async () => {
      const events = scenarioEvents().slice(0, 6);
      await appendEvents(store, events);

      const projector = start({ ...env, LEDGER_NOTARY_EVERY_EVENTS: '1' });
      await projector.caughtUp;
      const deadline = Date.now() + 30_000; // a bound for a failing test only
      while (projector.notary.latestHead() === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const signed = projector.notary.latestHead();
      expect(signed?.head.treeSize).toBe(BigInt(events.length));
      expect(signed?.lastPosition).toBe(await store.headPosition());
      expect(verifyTreeHead(signed!.head, loadOrCreateKeyPair(dataDir).publicKey)).toEqual({
        ok: true,
      });
    });

    it('writes where LEDGER_READ_MODELS_FILE says', async () => {
      const file = path.join(dataDir, 'node-1', 'projections.sqlite');
      await appendEvents(store, scenarioEvents().slice(0, 5));

      await start({ ...env, LEDGER_READ_MODELS_FILE: file }).caughtUp;

      expect(dumpReadModelFile(file)).toEqual(await rebuiltFromZero(store));
      expect(fs.existsSync(path.join(dataDir, 'read-models.sqlite'))).toBe(false);
    });
  });

  describe('on the embedded SQLite store', () => {
    it('follows the events another process appends to ledger.sqlite, into that same file', async () => {
      const writer = SqliteEventStore.open(path.join(dataDir, 'ledger.sqlite'));
      try {
        const events = scenarioEvents();
        await appendEvents(writer, events.slice(0, 10));
        const projector = start({});
        await projector.caughtUp;

        await appendEvents(writer, events.slice(10));
        await projector.runner.waitFor(Number(await writer.headPosition()), 10_000);

        expect(dumpReadModelFile(path.join(dataDir, 'ledger.sqlite'))).toEqual(
          await rebuiltFromZero(writer),
        );
      } finally {
        await writer.close();
      }
    });
  });

  describeOnPostgres('on PostgreSQL, with the heads every instance shares', (serverUrl) => {
    let database: string;
    let url: string;
    let store: PostgresEventStore;

    beforeEach(async () => {
      ({ database, url } = await createDatabase(serverUrl));
      store = await PostgresEventStore.open(url);
    });

    afterEach(async () => {
      await running?.stop();
      running = undefined;
      await store.close();
      await dropDatabase(serverUrl, database);
    });

    it('signs into the one sequence of heads in the database, and keeps a copy in its read models', async () => {
      const events = scenarioEvents().slice(0, 6);
      await appendEvents(store, events);
      const config = loadConfig({
        LEDGER_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        LEDGER_STORE: 'postgres',
        DATABASE_URL: url,
        LEDGER_NOTARY_EVERY_EVENTS: '1',
      });
      const opened = await connectEventStore(config);
      const keys = loadOrCreateKeyPair(config.notary.keyDir);
      const shared = await sharedTreeHeadsOf(opened.store, keys.publicKey);
      expect(shared).toBeDefined();
      running = startProjector(
        config,
        logger,
        (e) => failures.push(e),
        ledgerProjections(),
        opened,
        shared,
      );
      await running.caughtUp;
      const deadline = Date.now() + 30_000; // a bound for a failing test only
      while (running.notary.latestHead() === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const local = running.notary.latestHead();
      expect(local?.head.treeSize).toBe(BigInt(events.length));
      expect(verifyTreeHead(local!.head, keys.publicKey)).toEqual({ ok: true });
      const { rows } = await store.pool.query<{ id: string; tree_size: string }>(
        'SELECT id, tree_size FROM notary_heads ORDER BY id',
      );
      expect(rows.at(-1)).toEqual({ id: String(local!.id), tree_size: String(events.length) });
      expect(failures).toEqual([]);
    });

    it('has no shared heads on the other stores', async () => {
      const sqlite = SqliteEventStore.open(path.join(dataDir, 'ledger.sqlite'));
      try {
        expect(await sharedTreeHeadsOf(sqlite, loadOrCreateKeyPair(dataDir).publicKey)).toBe(
          undefined,
        );
      } finally {
        await sqlite.close();
      }
    });
  });
});
