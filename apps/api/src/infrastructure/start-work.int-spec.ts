import { Pool } from 'pg';
import {
  describeOnPostgres,
  dropSchema,
  uniqueSchema,
} from '../../../../libs/event-store/src/postgres/testing/test-database';
import { PostgresStartWork, START_WORK_LOCK_CLASS, type StartWorkTakeover } from './start-work';
import type { Lease } from './advisory-lease';
import { lockHeldByHand } from './testing/lock-held-by-hand';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('The work at start, one instance at a time (PostgreSQL)', (url) => {
  let schema: string;
  let pools: Pool[];

  const open = (
    instance: string,
    lease?: Lease,
    takeovers: StartWorkTakeover[] = [],
    failures: string[] = [],
  ) => {
    const pool = new Pool({ connectionString: url });
    pools.push(pool);
    return PostgresStartWork.open(pool, instance, schema, {
      lease,
      events: {
        tookOver: (takeover) => takeovers.push(takeover),
        takeoverFailed: (_task, message) => failures.push(message),
      },
    });
  };
  const lease = async (task: string) => {
    const { rows } = await pools[0].query(
      `SELECT instance, backend_pid, lease_seconds, renewed_at FROM ${schema}.start_work_leases
        WHERE task = $1`,
      [task],
    );
    return rows[0] as
      | { instance: string; backend_pid: number; lease_seconds: number; renewed_at: Date }
      | undefined;
  };
  const backendAlive = async (pid: number) =>
    (await pools[0].query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 1;
  const row = async (task: string) => {
    const [pool] = pools;
    const { rows } = await pool.query(
      `SELECT covered, runs, done, instance FROM ${schema}.start_work WHERE task = $1`,
      [task],
    );
    return rows[0];
  };

  /** Whether a connection is seen waiting for the task's lock (asked, not granted). */
  const someoneWaits = async (task: string) => {
    const { rows } = await pools[0].query(
      `SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = $1
          AND objid::bigint = (hashtext($2)::bigint & 4294967295)`,
      [START_WORK_LOCK_CLASS, `${schema}:${task}`],
    );
    return rows.length > 0;
  };
  const waitUntil = async (what: () => Promise<boolean>) => {
    const deadline = Date.now() + 20_000;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error('waited in vain');
      await sleep(20);
    }
  };

  beforeEach(() => {
    schema = uniqueSchema();
    pools = [];
  });

  afterEach(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await dropSchema(url, schema);
  });

  it('makes the others wait, and tells each where the last run ended', async () => {
    const [a, b, c] = await Promise.all([open('api-a'), open('api-b'), open('api-c')]);
    const seen: { instance: string; covered: bigint | null; at: 'start' | 'end' }[] = [];
    const run = (instance: string, covers: bigint) => async (covered: bigint | null) => {
      seen.push({ instance, covered, at: 'start' });
      await sleep(300);
      seen.push({ instance, covered, at: 'end' });
      return covered !== null && covered >= covers ? null : { covered: covers, done: 1 };
    };
    await Promise.all([
      a.inTurn('erasures', run('api-a', 10n)),
      b.inTurn('erasures', run('api-b', 10n)),
      c.inTurn('erasures', run('api-c', 12n)),
    ]);
    // Never two at once: each run ended before the next began.
    expect(seen.map((s) => s.at)).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
    expect(seen[0].covered).toBeNull();
    const after = seen.filter((s) => s.at === 'start').slice(1);
    for (const s of after) expect(s.covered).not.toBeNull();
    const recorded = await row('erasures');
    expect(recorded.covered).toBe('12');
    // The run told 10 or more by api-a or api-b found nothing and recorded nothing.
    expect(Number(recorded.runs)).toBe(Number(recorded.done));
    expect(Number(recorded.runs)).toBeLessThanOrEqual(2);
  });

  it('lets the next in line run once the holder fails, or its connection dies, from the last completed run', async () => {
    const [a, b, c] = await Promise.all([open('api-a'), open('api-b'), open('api-c')]);
    await a.inTurn('pending_consequences', async () => ({ covered: 5n, done: 2 }));
    await expect(
      b.inTurn('pending_consequences', async () => {
        throw new Error('the read models never caught up');
      }),
    ).rejects.toThrow('the read models never caught up');
    expect(await row('pending_consequences')).toEqual({
      covered: '5',
      runs: '1',
      done: '2',
      instance: 'api-a',
    });

    // B holds the turn; its backend is then terminated, as when its process dies.
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const dying = b.inTurn('pending_consequences', async () => {
      holding();
      await finished;
      return { covered: 99n, done: 99 };
    });
    await held;
    let told: bigint | null | undefined;
    const waiting = c.inTurn('pending_consequences', async (covered) => {
      told = covered;
      return { covered: 7n, done: 1 };
    });
    // C really asks (however slow the machine), and is still waiting for B a moment later.
    await waitUntil(() => someoneWaits('pending_consequences'));
    await sleep(300);
    expect(told).toBeUndefined();
    const [pool] = pools;
    await pool.query(
      `SELECT pg_terminate_backend(pid, 10000) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND classid::bigint = $1
          AND objid::bigint = (hashtext($2)::bigint & 4294967295)`,
      [START_WORK_LOCK_CLASS, `${schema}:pending_consequences`],
    );
    await waiting;
    expect(told).toBe(5n);
    // B, its work done, cannot record it on a connection that is gone: it fails, and records nothing.
    finish();
    await expect(dying).rejects.toThrow(/connection|terminat/i);
    expect(await row('pending_consequences')).toEqual({
      covered: '7',
      runs: '2',
      done: '3',
      instance: 'api-c',
    });
  }, 60_000);

  it('records nothing for a run that had nothing to look at', async () => {
    const a = await open('api-a');
    await a.inTurn('erasures', async () => null);
    expect(await row('erasures')).toBeUndefined();
  });

  it('stops waiting when closed, and takes no more work', async () => {
    const [a, b] = await Promise.all([open('api-a'), open('api-b')]);
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const running = a.inTurn('erasures', async () => {
      holding();
      await finished;
      return { covered: 3n, done: 1 };
    });
    await held;
    let ran = false;
    const waiting = b.inTurn('erasures', async () => {
      ran = true;
      return { covered: 4n, done: 1 };
    });
    await waitUntil(() => someoneWaits('erasures'));
    await b.close();
    // A holds the turn until `finish`: B's wait ends because it was closed, not because the turn
    // came. (A generous bound: the wait would otherwise last as long as A's turn, for ever.)
    const stillWaiting = new Promise((resolve) => {
      setTimeout(() => resolve('still waiting'), 20_000).unref();
    });
    await expect(Promise.race([waiting, stillWaiting])).rejects.toThrow();
    await expect(b.inTurn('erasures', async () => null)).rejects.toThrow(/closed/);
    finish();
    await running;
    expect(ran).toBe(false);
    expect(await row('erasures')).toEqual({
      covered: '3',
      runs: '1',
      done: '1',
      instance: 'api-a',
    });
  });

  describe('the lease of a holder', () => {
    it('keeps a live holder’s turn however long its work takes: its heartbeat goes on meanwhile', async () => {
      // Two seconds (a paused CI machine must not look like a hung holder), renewed every 0.3 s.
      const short = { seconds: 2, everyMs: 300 };
      const takeovers: StartWorkTakeover[] = [];
      const [a, b] = await Promise.all([open('api-a', short), open('api-b', short, takeovers)]);
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const beats: Date[] = [];
      const order: string[] = [];
      let aliveAtTheEnd: boolean | undefined;
      const running = a.inTurn('erasures', async () => {
        holding();
        // Three leases long, in pieces, reading the heartbeat between them.
        for (let i = 0; i < 10; i++) {
          await sleep(600);
          beats.push((await lease('erasures'))!.renewed_at);
        }
        aliveAtTheEnd = await backendAlive((await lease('erasures'))!.backend_pid);
        order.push('a ends');
        return { covered: 3n, done: 1 };
      });
      await held;
      const holder = (await lease('erasures'))!;
      expect(holder).toMatchObject({ instance: 'api-a', lease_seconds: 2 });
      const waiting = b.inTurn('erasures', async () => {
        order.push('b begins');
        return null;
      });
      await Promise.all([running, waiting]);
      // B ran only once A was done, and never ended A's turn.
      expect(order).toEqual(['a ends', 'b begins']);
      expect(aliveAtTheEnd).toBe(true);
      expect(takeovers).toEqual([]);
      // The heartbeat was renewed all along (the database's clock, never going back).
      const distinct = new Set(beats.map((beat) => beat.getTime()));
      expect(distinct.size).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < beats.length; i++) {
        expect(beats[i].getTime()).toBeGreaterThanOrEqual(beats[i - 1].getTime());
      }
      expect(await row('erasures')).toMatchObject({ covered: '3', runs: '1', instance: 'api-a' });
    }, 30_000);

    it('ends nothing when the whole process, holder and waiter both, was paused longer than the lease', async () => {
      const short = { seconds: 2, everyMs: 300 };
      const takeovers: StartWorkTakeover[] = [];
      const [a, b] = await Promise.all([open('api-a', short), open('api-b', short, takeovers)]);
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const order: string[] = [];
      const running = a.inTurn('erasures', async () => {
        holding();
        await sleep(1000);
        // The event loop stuck for a lease and a half: every timer of the process late at once,
        // as on a CI machine paused, or in a long garbage collection.
        const until = Date.now() + 3000;
        while (Date.now() < until);
        await sleep(1500);
        order.push('a ends');
        return { covered: 3n, done: 1 };
      });
      await held;
      const waiting = b.inTurn('erasures', async () => {
        order.push('b begins');
        return null;
      });
      await Promise.all([running, waiting]);
      expect(takeovers).toEqual([]);
      expect(order).toEqual(['a ends', 'b begins']);
      expect(await row('erasures')).toMatchObject({ runs: '1', instance: 'api-a' });
    }, 30_000);

    it('ends the backend of a holder whose heartbeat went stale, and takes the turn; the holder, woken, records nothing', async () => {
      // A holder that beats once, then no more: a process stopped, or its event loop stuck.
      const hung = { seconds: 1, everyMs: 3_600_000 };
      const takeovers: StartWorkTakeover[] = [];
      const [a, b] = await Promise.all([
        open('api-a', hung),
        open('api-b', { seconds: 30, everyMs: 200 }, takeovers),
      ]);
      await a.inTurn('pending_consequences', async () => ({ covered: 5n, done: 1 }));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      let wake!: () => void;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const hanging = a.inTurn('pending_consequences', async () => {
        holding();
        await woken;
        return { covered: 99n, done: 99 };
      });
      await held;
      const holder = (await lease('pending_consequences'))!;
      let told: bigint | null | undefined;
      let takenAt: Date | undefined;
      await b.inTurn('pending_consequences', async (covered) => {
        told = covered;
        takenAt = (await lease('pending_consequences'))!.renewed_at;
        return { covered: 7n, done: 1 };
      });
      // Not before the holder's lease (its own, 1 s; B's longer one is B's own) ran out, on the
      // database's clock.
      expect(takenAt!.getTime() - holder.renewed_at.getTime()).toBeGreaterThanOrEqual(1000);
      expect(told).toBe(5n);
      expect(takeovers).toHaveLength(1);
      expect(takeovers[0]).toMatchObject({
        task: 'pending_consequences',
        from: 'api-a',
        backendPid: holder.backend_pid,
        leaseSeconds: 1,
      });
      expect(takeovers[0].staleSeconds).toBeGreaterThanOrEqual(1);
      expect(await backendAlive(holder.backend_pid)).toBe(false);
      expect(await lease('pending_consequences')).toMatchObject({ instance: 'api-b' });
      // A wakes: its connection is gone, so its record fails, and nothing of it is recorded.
      wake();
      await expect(hanging).rejects.toThrow(/connection|terminat/i);
      expect(await row('pending_consequences')).toEqual({
        covered: '7',
        runs: '2',
        done: '2',
        instance: 'api-b',
      });
    }, 30_000);

    it('ends a holder that never beat at all once it was seen holding for a whole lease', async () => {
      const takeovers: StartWorkTakeover[] = [];
      const b = await open('api-b', { seconds: 1, everyMs: 200 }, takeovers);
      // Holding the lock by hand: stopped between taking it and its first heartbeat, or an
      // instance of a version without leases.
      const bare = await lockHeldByHand(url, START_WORK_LOCK_CLASS, `${schema}:erasures`);
      try {
        const startedAt = Date.now();
        await b.inTurn('erasures', async () => ({ covered: 1n, done: 0 }));
        expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
        expect(takeovers).toEqual([
          expect.objectContaining({ task: 'erasures', from: null, backendPid: bare.pid }),
        ]);
        await expect(bare.client.query('SELECT 1')).rejects.toThrow();
      } finally {
        await bare.end();
      }
    }, 30_000);

    it('goes on waiting, and says why, when its role may not end the holder’s backend', async () => {
      // The holder a superuser's backend: no other role may end it, pg_signal_backend or not.
      const a = await open('api-a', { seconds: 1, everyMs: 3_600_000 });
      const role = `${schema}_weak`;
      await pools[0].query(`CREATE ROLE ${role} LOGIN PASSWORD 'weak' NOSUPERUSER`);
      try {
        await pools[0].query(
          `GRANT CREATE ON DATABASE ${new URL(url).pathname.slice(1)} TO ${role}`,
        );
        await pools[0].query(`GRANT ALL ON SCHEMA ${schema} TO ${role}`);
        await pools[0].query(`GRANT ALL ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
        const weakUrl = new URL(url);
        weakUrl.username = role;
        weakUrl.password = 'weak';
        const weakPool = new Pool({ connectionString: weakUrl.toString() });
        pools.push(weakPool);
        const failures: string[] = [];
        const b = await PostgresStartWork.open(weakPool, 'api-b', schema, {
          lease: { seconds: 1, everyMs: 200 },
          events: {
            tookOver: () => failures.push('took over'),
            takeoverFailed: (_task, message) => failures.push(message),
          },
        });
        let holding!: () => void;
        const held = new Promise<void>((resolve) => (holding = resolve));
        let wake!: () => void;
        const woken = new Promise<void>((resolve) => (wake = resolve));
        const hanging = a.inTurn('erasures', async () => {
          holding();
          await woken;
          return { covered: 1n, done: 1 };
        });
        await held;
        let ran = false;
        const waiting = b.inTurn('erasures', async () => {
          ran = true;
          return null;
        });
        const deadline = Date.now() + 15_000;
        while (failures.length === 0 && Date.now() < deadline) await sleep(100);
        // Told once, however many looks failed; still waiting.
        await sleep(1000);
        expect(failures).toHaveLength(1);
        expect(failures[0]).toMatch(/superuser|permission/i);
        expect(ran).toBe(false);
        wake();
        await hanging;
        await waiting;
        expect(ran).toBe(true);
        expect(await row('erasures')).toMatchObject({ runs: '1', instance: 'api-a' });
        await b.close();
        await weakPool.end();
        pools.splice(pools.indexOf(weakPool), 1);
      } finally {
        await pools[0].query(`DROP OWNED BY ${role}`);
        await pools[0].query(`DROP ROLE ${role}`);
      }
    }, 30_000);
  });
});
