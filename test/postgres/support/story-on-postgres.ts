import { loadOrCreateKeyPair } from '@blue-ledger/integrity';
import { ledgerProjections } from '@blue-ledger/projections';
import { connectEventStore, loadConfig, sharedTreeHeadsOf } from '@blue-ledger/runtime';
import * as path from 'node:path';
import { Client } from 'pg';
import { startProjector } from '../../../apps/projector/src/projector';
import { DATABASE_URL } from '../../../libs/event-store/src/postgres/testing/test-database';
import {
  appWithAProjector,
  runStoryOnDeployments,
  type StoryDeployment,
} from '../../support/story-on-deployments';
import { createDatabase, dropDatabase } from './postgres-deployment';

/** The PostgreSQL databases each deployment's apps used, and how many events each held at the end. */
const databases = new Map<string, { database: string; events: number }[]>();

/** A database of the story's own on the server of DATABASE_URL, counted and dropped after. */
async function onADatabase(name: string) {
  const { url, database } = await createDatabase(DATABASE_URL as string);
  const dropIt = async () => {
    const used = { database, events: await eventsIn(url) };
    databases.set(name, [...(databases.get(name) ?? []), used]);
    await dropDatabase(DATABASE_URL as string, database);
  };
  return { env: { LEDGER_STORE: 'postgres', DATABASE_URL: url }, dropIt };
}

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

const ON_POSTGRES: StoryDeployment = {
  name: 'postgres',
  title: 'on PostgreSQL (LEDGER_STORE=postgres)',
  projections: 'in-process',
  async start(env, _run, app) {
    const { env: onPostgres, dropIt } = await onADatabase(this.name);
    return { running: await app.startApp({ ...env, ...onPostgres }), after: dropIt };
  },
};

const ON_POSTGRES_WITH_A_PROJECTOR: StoryDeployment = {
  name: 'postgres with a projector',
  title: 'on PostgreSQL, with the read models in a projector (LEDGER_PROJECTIONS=external)',
  projections: 'external',
  async start(env, run, app) {
    const { env: onPostgres, dropIt } = await onADatabase(this.name);
    return appWithAProjector(
      app,
      env,
      onPostgres,
      async (dataDir) => {
        const config = loadConfig({ ...onPostgres, LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
        const opened = await connectEventStore(config);
        const keys = loadOrCreateKeyPair(config.notary.keyDir);
        return startProjector(
          config,
          { info: () => undefined, error: () => undefined },
          (error) => run.projectorFailures.push(error),
          ledgerProjections(),
          opened,
          await sharedTreeHeadsOf(opened.store, keys.publicKey),
        );
      },
      dropIt,
    );
  },
};

/**
 * Runs an end-to-end story file unchanged on SQLite and on PostgreSQL (the app with
 * `LEDGER_STORE=postgres` on a database of its own, with its read models in the app or in a
 * projector), each time with all of the story's own expectations; then compares every answer,
 * request by request (see runStoryOnDeployments). Skipped without DATABASE_URL (never on CI).
 */
export function runStoryOnSqliteAndPostgres(storyFile: string): void {
  if (!DATABASE_URL && !process.env.CI) {
    console.warn(`DATABASE_URL is not set: ${path.basename(storyFile)} on PostgreSQL was NOT run`);
    describe.skip('on PostgreSQL (skipped: DATABASE_URL is not set)', () => undefined);
    return;
  }
  const onPostgres = [ON_POSTGRES, ON_POSTGRES_WITH_A_PROJECTOR];
  runStoryOnDeployments(storyFile, onPostgres, () => {
    it('wrote the PostgreSQL runs to databases of their own', () => {
      for (const deployment of onPostgres) {
        const used = databases.get(deployment.name) ?? [];
        expect(used.length).toBeGreaterThan(0);
        expect(used.filter(({ events }) => events === 0)).toEqual([]);
      }
    });
  });
}
