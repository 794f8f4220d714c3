import { streamIds } from '@blue-ledger/domain';
import {
  loadOrCreateKeyPair,
  NOTARY_PRIVATE_KEY_FILE,
  NOTARY_PUBLIC_KEY_FILE,
} from '@blue-ledger/integrity';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { START_WORK_LOCK_CLASS } from '../../apps/api/src/infrastructure/start-work';
import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';
import { API_MAIN, outputOnceItShows } from '../support/ledger-process';
import { principalsEnv } from '../support/principals';
import { PostgresDeployment } from './support/postgres-deployment';
import { workLeftAtStart } from './support/work-left-at-start';
import { eventually } from '../../libs/event-store/src/postgres/testing/collecting-subscriber';

const runnable = DATABASE_URL !== undefined || Boolean(process.env.CI);
if (!runnable) console.warn('DATABASE_URL is not set: the lease of the work at start was NOT run');

const VICTIM = 'subject-victim-of-a-hung-start';
/** The lease both instances declare: short, so that the test does not wait half a minute. */
const LEASE_SECONDS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

(runnable ? describe : describe.skip)(
  'The work at start, its holder frozen (SIGSTOP) in the middle of it (PostgreSQL)',
  () => {
    let deployment: PostgresDeployment;
    let test: Client;
    let a: ChildProcess | undefined;
    let aOutput = '';
    const dataDirs: string[] = [];

    const count = async (sql: string, values: unknown[] = []) =>
      Number((await test.query<{ n: string }>(sql, values)).rows[0].n);
    const departures = () =>
      count(`SELECT count(*) AS n FROM events WHERE type = 'LeaderDeparted'`);
    const erasuresTurn = () => [START_WORK_LOCK_CLASS, 'public:erasures'];
    /** The backends holding (granted) or waiting for the erasures' turn. */
    const turn = async () =>
      (
        await test.query<{ pid: number; granted: boolean }>(
          `SELECT pid, granted FROM pg_locks
            WHERE locktype = 'advisory' AND objsubid = 2 AND classid::bigint = $1
              AND objid::bigint = (hashtext($2)::bigint & 4294967295)
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          erasuresTurn(),
        )
      ).rows;
    const erasuresRun = async () =>
      (
        await test.query<{ runs: string; done: string; instance: string }>(
          `SELECT runs, done, instance FROM start_work WHERE task = 'erasures'`,
        )
      ).rows[0];
    const leaseOf = async (task: string) =>
      (
        await test.query<{
          instance: string;
          backend_pid: number;
          taken_at: Date;
          renewed_at: Date;
        }>(
          'SELECT instance, backend_pid, taken_at, renewed_at FROM start_work_leases WHERE task = $1',
          [task],
        )
      ).rows[0];

    /**
     * Instance A as its own process, not waited for (it is frozen before it serves), with the
     * deployment's store, key and notary key files.
     */
    const spawnA = async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-lease-'));
      dataDirs.push(dataDir);
      loadOrCreateKeyPair(deployment.notaryKeys);
      for (const file of [NOTARY_PRIVATE_KEY_FILE, NOTARY_PUBLIC_KEY_FILE]) {
        fs.copyFileSync(path.join(deployment.notaryKeys, file), path.join(dataDir, file));
        fs.chmodSync(path.join(dataDir, file), 0o600);
      }
      const child = spawn(process.execPath, [API_MAIN], {
        env: {
          ...process.env,
          ...deployment.env,
          PORT: '0', // never asked: A is frozen before it serves
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          LEDGER_DATA_DIR: dataDir,
          LEDGER_PRINCIPALS: principalsEnv(),
          LEDGER_VERIFY_EVERY_SECONDS: '0',
          LEDGER_INSTANCE_ID: 'api-a',
          LEDGER_LEASE_SECONDS: String(LEASE_SECONDS),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk) => (aOutput += String(chunk)));
      child.stderr?.on('data', (chunk) => (aOutput += String(chunk)));
      return child;
    };
    const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

    beforeAll(async () => {
      if (!DATABASE_URL) throw new Error('DATABASE_URL is not set on CI');
      deployment = await PostgresDeployment.create(DATABASE_URL);
      test = new Client({ connectionString: deployment.url });
      await test.connect();
      // A ledger where a process died between an erasure's event and the key's destruction,
      // and between an implementation and its consequence: work at start for the next one.
      await workLeftAtStart(deployment, VICTIM);
    }, 120_000);

    afterAll(async () => {
      if (a && !exited(a)) {
        a.kill('SIGCONT');
        a.kill('SIGKILL');
      }
      await test?.end();
      await deployment?.tearDown();
      for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('is taken over once the lease runs out, the frozen holder records nothing when it wakes, and nothing is done twice', async () => {
      const victimKeys = () =>
        count('SELECT count(*) AS n FROM subject_keys WHERE subject_id = $1', [VICTIM]);
      expect(await victimKeys()).toBe(1);

      // Catch A in the middle of the erasures: the test holds their turn while A starts, and
      // A's first look at the erasures table is made to wait (a lock on the table) once A has
      // the turn; A is frozen there, its heartbeat running until then.
      const holdTurn = new Client({ connectionString: deployment.url });
      const tableLock = new Client({ connectionString: deployment.url });
      await Promise.all([holdTurn.connect(), tableLock.connect()]);
      try {
        await holdTurn.query('SELECT pg_advisory_lock($1, hashtext($2))', erasuresTurn());
        a = await spawnA();
        await eventually(async () => (await turn()).some((lock) => !lock.granted));
        const [{ pid: aBackend }] = (await turn()).filter((lock) => !lock.granted);
        await tableLock.query('BEGIN');
        await tableLock.query('LOCK TABLE subject_erasures IN ACCESS EXCLUSIVE MODE');
        await holdTurn.query('SELECT pg_advisory_unlock($1, hashtext($2))', erasuresTurn());
        await eventually(async () => (await leaseOf('erasures'))?.backend_pid === aBackend);
        // A's work waits on the table: it is in the middle of it.
        await eventually(async () =>
          (
            await test.query(
              `SELECT 1 FROM pg_locks WHERE relation = 'subject_erasures'::regclass AND NOT granted`,
            )
          ).rows.some(() => true),
        );
        a.kill('SIGSTOP');
        await tableLock.query('COMMIT');
        expect(exited(a)).toBe(false);
        expect(await turn()).toEqual([{ pid: aBackend, granted: true }]);
        // A heartbeat A sent just before it stopped may still land: its last, read after it.
        await sleep(500);
        const aLastBeat = (await leaseOf('erasures')).renewed_at;

        // B starts: it waits for the erasures' turn, sees A's heartbeat go stale, ends A's
        // backend, does the erasure and serves. (startApi waits up to 30 s for it to serve.)
        const b = await deployment.startApi({
          env: {
            LOG_LEVEL: 'info',
            LEDGER_INSTANCE_ID: 'api-b',
            LEDGER_LEASE_SECONDS: String(LEASE_SECONDS),
          },
        });
        const takeover = new RegExp(
          `api-b took over the erasures turn from api-a: its heartbeat was [\\d.]+ s old \\(lease ${LEASE_SECONDS} s\\); ended its backend ${aBackend}`,
        );
        expect(await outputOnceItShows(b, takeover)).toMatch(takeover);
        // Not before A's lease ran out, on the database's clock: B took the turn a lease or
        // more after A's last heartbeat.
        const bLease = await leaseOf('erasures');
        expect(bLease.instance).toBe('api-b');
        expect(bLease.taken_at.getTime() - aLastBeat.getTime()).toBeGreaterThanOrEqual(
          LEASE_SECONDS * 1000,
        );
        expect(
          (await test.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [aBackend])).rowCount,
        ).toBe(0);
        expect(await victimKeys()).toBe(0);
        expect(await erasuresRun()).toEqual({ runs: '1', done: '1', instance: 'api-b' });
        expect((await b.client.get('/health')).status).toBe(200);

        // A wakes: it goes on with the erasure (done already: nothing changes), and its record
        // fails with its lost connection. It does not serve.
        a.kill('SIGCONT');
        await eventually(async () => exited(a!) || /ended by another instance/.test(aOutput));
        expect(aOutput).toContain(
          'the erasures turn of api-a was ended by another instance (its lease ran out)',
        );
        await sleep(1000);
        expect(await erasuresRun()).toEqual({ runs: '1', done: '1', instance: 'api-b' });
        expect(
          await count('SELECT count(*) AS n FROM subject_erasures WHERE subject_id = $1', [VICTIM]),
        ).toBe(1);
        expect(
          await count(
            `SELECT count(*) AS n FROM events WHERE type = 'SubjectErased' AND stream_id = $1`,
            [streamIds.subject(VICTIM)],
          ),
        ).toBe(1);

        // The consequence left pending is recorded once, whoever of A and B did it.
        await eventually(async () => (await departures()) === 1);
        if (!exited(a)) a.kill('SIGKILL');
        await eventually(async () => exited(a!));
        await sleep(1000);
        expect(await departures()).toBe(1);
        expect(await count('SELECT count(*) - count(DISTINCT event_id) AS n FROM events')).toBe(0);
        const refused = await b.client.as('investigator').post('/incidents', {
          missionCode: 'UNMISS',
          occurredAt: '2016-07-11T12:00:00+03:00',
          location: { name: 'Juba' },
          category: 'failure_to_protect',
          summary: 'New details of an erased victim',
          contingentIds: [],
          subjects: [{ subjectId: VICTIM, role: 'victim', details: { name: 'Nyakuma Example' } }],
        });
        expect(refused.status).toBe(422);
      } finally {
        await tableLock.query('ROLLBACK').catch(() => undefined);
        await Promise.all([holdTurn.end(), tableLock.end()]);
      }
    }, 120_000);
  },
);
