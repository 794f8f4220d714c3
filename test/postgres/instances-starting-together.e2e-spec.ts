import { Client } from 'pg';
import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';
import { PostgresDeployment } from './support/postgres-deployment';

const runnable = DATABASE_URL !== undefined || Boolean(process.env.CI);
if (!runnable) console.warn('DATABASE_URL is not set: instances starting together were NOT run');

(runnable ? describe : describe.skip)(
  'Three API processes started at once on an empty PostgreSQL database',
  () => {
    let deployment: PostgresDeployment;

    beforeAll(async () => {
      if (!DATABASE_URL) throw new Error('DATABASE_URL is not set on CI');
      deployment = await PostgresDeployment.create(DATABASE_URL);
      // The test's own store migrated the events already; drop nothing, but start all three at
      // once so that every other component's migrations race.
      await Promise.all([deployment.startApi(), deployment.startApi(), deployment.startApi()]);
    }, 120_000);

    afterAll(async () => {
      await deployment?.tearDown();
    }, 60_000);

    it('migrates each component once, and every instance serves', async () => {
      const client = new Client({ connectionString: deployment.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ component: string; runs: string }>(
          `SELECT component, count(*) AS runs FROM schema_migrations GROUP BY component ORDER BY component`,
        );
        expect(rows.map((row) => row.component)).toEqual([
          'access_log',
          'events',
          'idempotency_keys',
          'integrity_passes',
          'notary_heads',
          'principals',
          'subject_keys',
          'ui_sessions',
        ]);
        const { rows: versions } = await client.query<{ component: string; version: number }>(
          `SELECT component, version FROM schema_migrations ORDER BY component, version`,
        );
        // One row per version: none ran twice.
        expect(new Set(versions.map((v) => `${v.component}@${v.version}`)).size).toBe(
          versions.length,
        );
      } finally {
        await client.end();
      }
      for (const api of deployment.apis) {
        expect((await api.client.get('/health')).status).toBe(200);
      }
    });
  },
);
