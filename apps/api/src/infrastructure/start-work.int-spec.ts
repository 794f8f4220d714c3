import { Pool } from 'pg';
import {
  describeOnPostgres,
  dropSchema,
  uniqueSchema,
} from '../../../../libs/event-store/src/postgres/testing/test-database';
import { PostgresStartWork, START_WORK_LOCK_CLASS } from './start-work';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('The work at start, one instance at a time (PostgreSQL)', (url) => {
  let schema: string;
  let pools: Pool[];

  const open = (instance: string) => {
    const pool = new Pool({ connectionString: url });
    pools.push(pool);
    return PostgresStartWork.open(pool, instance, schema);
  };
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
});
