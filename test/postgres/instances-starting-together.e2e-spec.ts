import { Client } from 'pg';
import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';
import type { LedgerProcess } from '../support/ledger-process';
import { START_WORK_LOCK_CLASS } from '../../apps/api/src/infrastructure/start-work';
import { PostgresDeployment } from './support/postgres-deployment';
import { erasedAsIfTheProcessDied, workLeftAtStart } from './support/work-left-at-start';
import { eventually } from '../../libs/event-store/src/postgres/testing/collecting-subscriber';

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
          'start_work',
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

const VICTIM = 'subject-victim-starting-together';
const LATER_VICTIM = 'subject-victim-erased-later';

(runnable ? describe : describe.skip)(
  'Three API processes started at once on a ledger a crash left unfinished',
  () => {
    let deployment: PostgresDeployment;
    let test: Client;
    let apis: LedgerProcess[];
    let decisionId: string;
    let erasurePosition: bigint;
    let contingentId: string;

    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    /** Whether an instance is seen waiting for the turn of `task` (asked, not granted). */
    const someoneWaits = async (task: string) => {
      const { rows } = await test.query(
        `SELECT 1 FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = $1
            AND objid::bigint = (hashtext($2)::bigint & 4294967295)`,
        [START_WORK_LOCK_CLASS, `public:${task}`],
      );
      return rows.length > 0;
    };
    const startWork = async () =>
      (
        await test.query<{
          task: string;
          covered: string;
          runs: string;
          done: string;
          instance: string;
        }>('SELECT task, covered, runs, done, instance FROM start_work ORDER BY task')
      ).rows.map((row) => ({
        ...row,
        covered: BigInt(row.covered),
        runs: Number(row.runs),
        done: Number(row.done),
      }));
    const count = async (sql: string, values: unknown[]) =>
      Number((await test.query<{ n: string }>(sql, values)).rows[0].n);
    const departures = () =>
      count(`SELECT count(*) AS n FROM events WHERE type = 'LeaderDeparted'`, []);
    const victimKeys = (subjectId = VICTIM) =>
      count('SELECT count(*) AS n FROM subject_keys WHERE subject_id = $1', [subjectId]);
    const incidentNaming = (subjectId: string, summary: string) => ({
      missionCode: 'UNMISS',
      occurredAt: '2016-07-11T12:00:00+03:00',
      location: { name: 'Juba' },
      category: 'failure_to_protect',
      summary,
      contingentIds: [contingentId],
      subjects: [{ subjectId, role: 'victim', details: { name: 'Nyakuma Example' } }],
    });
    const said = (api: LedgerProcess, text: string) => api.output().split(text).length - 1;

    beforeAll(async () => {
      if (!DATABASE_URL) throw new Error('DATABASE_URL is not set on CI');
      deployment = await PostgresDeployment.create(DATABASE_URL);
      test = new Client({ connectionString: deployment.url });
      await test.connect();

      // A leader relieved by a decision implemented without its consequence, and a victim
      // erased without the destruction of their key: two processes died after an append.
      ({ contingentId, decisionId, erasurePosition } = await workLeftAtStart(deployment, VICTIM));
      expect(await victimKeys()).toBe(1);
      expect(await departures()).toBe(0);

      apis = await Promise.all(
        [1, 2, 3].map((n) =>
          deployment.startApi({ env: { LOG_LEVEL: 'info', LEDGER_INSTANCE_ID: `api-${n}` } }),
        ),
      );
    }, 120_000);

    afterAll(async () => {
      await test?.end();
      await deployment?.tearDown();
    }, 60_000);

    it('applies the erasure once, on one instance, before any of them serves', async () => {
      // Each instance answered /health only after its turn: the key was gone by then.
      expect(await victimKeys()).toBe(0);
      const erasures = (await startWork()).find((row) => row.task === 'erasures')!;
      // One instance applied it; the others, in their turn, found no erasure after the one the
      // first had gone through, and did nothing.
      expect(erasures).toMatchObject({ runs: 1, done: 1, covered: erasurePosition });
      expect(['api-1', 'api-2', 'api-3']).toContain(erasures.instance);
      const applied = apis.map((api) => said(api, 'applied 1 recorded erasures left unfinished'));
      expect(applied.sort()).toEqual([0, 0, 1]);
      expect(apis.map((api) => said(api, 'recorded erasures')).sort()).toEqual([0, 0, 1]);
      for (const api of apis) {
        const refused = await api.client
          .as('investigator')
          .post('/incidents', incidentNaming(VICTIM, 'New details of an erased victim'));
        expect(refused.status).toBe(422);
        expect(refused.body.code ?? refused.body.type).toMatch(/subject_erased/);
      }
    });

    it('records the missing consequence once, on one instance, and every instance shows it', async () => {
      await eventually(async () =>
        (await startWork()).some((row) => row.task === 'pending_consequences'),
      );
      const consequences = (await startWork()).find((row) => row.task === 'pending_consequences')!;
      expect(consequences).toMatchObject({ runs: 1, done: 1 });
      expect(await departures()).toBe(1);
      const recorded = apis.map((api) => said(api, 'consequence(s) of implemented decisions'));
      expect(recorded.sort()).toEqual([0, 0, 1]);
      for (const api of apis) {
        await eventually(async () => {
          const mission = await api.client.as('reviewer').get('/missions/UNMISS');
          return mission.body.leadership[0].departure?.reason === 'relieved';
        });
        const mission = await api.client.as('reviewer').get('/missions/UNMISS');
        expect(mission.body.leadership[0].departure).toMatchObject({
          reason: 'relieved',
          decisionId,
        });
      }
    });

    it('does nothing again on the next start, the work being covered', async () => {
      const before = await startWork();
      const fourth = await deployment.startApi({
        env: { LOG_LEVEL: 'info', LEDGER_INSTANCE_ID: 'api-4' },
      });
      await sleep(1000); // the consequences are looked for in the background
      expect(await startWork()).toEqual(before);
      expect(said(fourth, 'recorded erasures')).toBe(0);
      expect(said(fourth, 'consequence(s) of implemented decisions')).toBe(0);
      expect(await departures()).toBe(1);
    });

    it('keeps an instance from serving while another applies the erasures, then applies what is left', async () => {
      await apis[0].client
        .as('investigator')
        .create('/incidents', incidentNaming(LATER_VICTIM, 'A victim erased later'));
      const erasure = await erasedAsIfTheProcessDied(deployment.store, LATER_VICTIM);
      // The test holds the turn, as an instance in the middle of applying them would.
      const key = [START_WORK_LOCK_CLASS, 'public:erasures'];
      await test.query('SELECT pg_advisory_lock($1, hashtext($2))', key);
      let released = false;
      let started: Promise<LedgerProcess> | undefined;
      try {
        started = deployment.startApi({ env: { LEDGER_INSTANCE_ID: 'api-5' } });
        let serving = false;
        void started.then(() => (serving = true));
        // It really waits for the turn (however long it takes to get there), and does not serve.
        await eventually(() => someoneWaits('erasures'));
        await sleep(1000);
        expect(serving).toBe(false);
        expect(await victimKeys(LATER_VICTIM)).toBe(1);
        await test.query('SELECT pg_advisory_unlock($1, hashtext($2))', key);
        released = true;
        const fifth = await started;
        expect(await victimKeys(LATER_VICTIM)).toBe(0);
        const refused = await fifth.client
          .as('investigator')
          .post('/incidents', incidentNaming(LATER_VICTIM, 'New details of an erased victim'));
        expect(refused.status).toBe(422);
        const erasures = (await startWork()).find((row) => row.task === 'erasures');
        expect(erasures).toMatchObject({
          runs: 2,
          done: 2,
          covered: erasure.position,
          instance: 'api-5',
        });
      } finally {
        if (!released) await test.query('SELECT pg_advisory_unlock($1, hashtext($2))', key);
        await started?.catch(() => undefined);
      }
    }, 60_000);

    it('lets an instance waiting for the consequences’ turn stop at once', async () => {
      const key = [START_WORK_LOCK_CLASS, 'public:pending_consequences'];
      await test.query('SELECT pg_advisory_lock($1, hashtext($2))', key);
      try {
        const waiting = await deployment.startApi({ env: { LEDGER_INSTANCE_ID: 'api-6' } });
        // It serves (the consequences are looked for in the background) while it waits.
        expect((await waiting.client.get('/health')).status).toBe(200);
        await eventually(() => someoneWaits('pending_consequences'));
        const stoppingAt = Date.now();
        await waiting.stop();
        // (Nest re-raises the SIGTERM once its shutdown hooks ran: no exit code.) Had the stop
        // waited for the turn, it would have waited for ever: the bound leaves room for load.
        expect(Date.now() - stoppingAt).toBeLessThan(15_000);
        expect(waiting.child.signalCode).toBe('SIGTERM');
        expect(waiting.output()).not.toContain('could not record the pending consequences');
      } finally {
        await test.query('SELECT pg_advisory_unlock($1, hashtext($2))', key);
      }
    }, 60_000);
  },
);
