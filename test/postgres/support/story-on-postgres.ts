import { ledgerProjections } from '@blue-ledger/projections';
import { connectEventStore, loadConfig } from '@blue-ledger/runtime';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startProjector } from '../../../apps/projector/src/projector';
import { DATABASE_URL } from '../../../libs/event-store/src/postgres/testing/test-database';
import { normaliseExchanges } from '../../eventstoredb/support/normalise-exchanges';
import { RecordingLedgerClient, type Exchange } from '../../eventstoredb/support/recording-client';
import type { RunningApp } from '../../support/in-process-app';
import { createDatabase, dropDatabase } from './postgres-deployment';

const IN_PROCESS_APP = path.resolve(__dirname, '../../support/in-process-app');
type InProcessApp = typeof import('../../support/in-process-app');

type Deployment =
  | 'sqlite'
  | 'postgres'
  /** The API with `LEDGER_PROJECTIONS=external`, a projector on PostgreSQL writing its read models. */
  | 'postgres with a projector';

interface Run {
  deployment: Deployment;
  exchanges: Exchange[];
  startedAt: number;
  /** The PostgreSQL databases the run's apps used, and how many events each held at the end. */
  databases: { database: string; events: number }[];
  projectorFailures: Error[];
  /** Who wrote the read models, by each app's own `/health`. */
  projections: string[];
}

let runBeingCollected: Run | undefined;

// Loaded once, outside the isolated story modules (see story-on-each-deployment.ts).
const actual = jest.requireActual(IN_PROCESS_APP) as InProcessApp;

/** The story's `startApp`: on SQLite, or on a PostgreSQL database of its own; its client records. */
jest.doMock(IN_PROCESS_APP, () => {
  const run = runBeingCollected as Run;
  return {
    ...actual,
    startApp: async (env: Record<string, string> = {}): Promise<RunningApp> => {
      run.startedAt = Math.min(run.startedAt, Date.now());
      if (run.deployment === 'sqlite') return recording(await actual.startApp(env), run);
      const { url, database } = await createDatabase(DATABASE_URL as string);
      const onPostgres = { LEDGER_STORE: 'postgres', DATABASE_URL: url };
      const dropIt = async () => {
        run.databases.push({ database, events: await eventsIn(url) });
        await dropDatabase(DATABASE_URL as string, database);
      };
      if (run.deployment === 'postgres') {
        return recording(await actual.startApp({ ...env, ...onPostgres }), run, dropIt);
      }
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
      const config = loadConfig({ ...onPostgres, LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      const projector = startProjector(
        config,
        { info: () => undefined, error: () => undefined },
        (error) => run.projectorFailures.push(error),
        ledgerProjections(),
        await connectEventStore(config),
      );
      const running = await actual.startApp({
        ...env,
        ...onPostgres,
        LEDGER_DATA_DIR: dataDir,
        LEDGER_PROJECTIONS: 'external',
      });
      return recording(running, run, async () => {
        await projector.stop();
        await dropIt();
        fs.rmSync(dataDir, { recursive: true, force: true });
      });
    },
  };
});

async function eventsIn(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM events');
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}

async function recording(
  running: RunningApp,
  run: Run,
  after?: () => Promise<void>,
): Promise<RunningApp> {
  const health = await running.client.get<{ readModels: { projections: string } }>('/health');
  run.projections.push(health.body.readModels.projections);
  return {
    ...running,
    client: new RecordingLedgerClient(running.client.baseUrl, run.exchanges, {
      readYourWrites: run.deployment === 'postgres with a projector',
    }),
    async close() {
      await running.close();
      await after?.();
    },
  };
}

function collectStory(storyFile: string, deployment: Deployment): Run {
  const run: Run = {
    deployment,
    exchanges: [],
    startedAt: Infinity,
    databases: [],
    projectorFailures: [],
    projections: [],
  };
  runBeingCollected = run;
  jest.isolateModules(() => jest.requireActual(storyFile));
  return run;
}

/**
 * Runs an end-to-end story file unchanged on SQLite and on PostgreSQL (the app with
 * `LEDGER_STORE=postgres` on a database of its own), each time with all of the story's own
 * expectations; then compares every answer, request by request, ids, positions, hashes and
 * recording instants set aside. Skipped without DATABASE_URL (never on CI).
 */
export function runStoryOnSqliteAndPostgres(storyFile: string): void {
  if (!DATABASE_URL && !process.env.CI) {
    console.warn(`DATABASE_URL is not set: ${path.basename(storyFile)} on PostgreSQL was NOT run`);
    describe.skip('on PostgreSQL (skipped: DATABASE_URL is not set)', () => undefined);
    return;
  }
  const runs = new Map<Deployment, Run>();
  describe('on SQLite (the embedded store)', () => {
    runs.set('sqlite', collectStory(storyFile, 'sqlite'));
  });
  describe('on PostgreSQL (LEDGER_STORE=postgres)', () => {
    runs.set('postgres', collectStory(storyFile, 'postgres'));
  });
  describe('on PostgreSQL, with the read models in a projector (LEDGER_PROJECTIONS=external)', () => {
    runs.set('postgres with a projector', collectStory(storyFile, 'postgres with a projector'));
  });

  describe('on both', () => {
    const run = (deployment: Deployment) => runs.get(deployment) as Run;

    it('wrote the PostgreSQL runs to databases of their own, and the projector never failed', () => {
      for (const deployment of ['postgres', 'postgres with a projector'] as const) {
        const { databases } = run(deployment);
        expect(databases.length).toBeGreaterThan(0);
        expect(databases.filter(({ events }) => events === 0)).toEqual([]);
      }
      expect(run('postgres with a projector').projectorFailures).toEqual([]);
    });

    it('ran the read models in the app, or in the projector for the last', () => {
      expect(run('postgres').projections).toEqual(['in-process']);
      expect(run('postgres with a projector').projections).toEqual(['external']);
    });

    it.each(['postgres', 'postgres with a projector'] as const)(
      'got the same answer to every request on %s as on SQLite',
      (deployment) => {
        const sqlite = run('sqlite');
        const other = run(deployment);
        expect(sqlite.exchanges.length).toBeGreaterThan(0);
        expect(other.exchanges.length).toBe(sqlite.exchanges.length);
        expect(normaliseExchanges(other.exchanges, other.startedAt)).toEqual(
          normaliseExchanges(sqlite.exchanges, sqlite.startedAt),
        );
      },
    );
  });
}
