import { runMigrations } from '@blue-ledger/event-store';
import { Pool } from 'pg';
import type { Lease, LeaseTakeover } from '../infrastructure/advisory-lease';
import {
  describeOnPostgres,
  dropSchema,
  uniqueSchema,
} from '../../../../libs/event-store/src/postgres/testing/test-database';
import {
  PostgresVerificationTurns,
  VERIFICATION_LOCK_CLASS,
  VERIFICATION_MIGRATIONS,
  type FullPassResult,
} from './verification-turns';
import { lockHeldByHand } from '../infrastructure/testing/lock-held-by-hand';

describeOnPostgres('The shared verification turn, named by the instance that ran it', (url) => {
  let schema: string;
  let pools: Pool[];

  const pool = () => {
    const made = new Pool({ connectionString: url });
    pools.push(made);
    return made;
  };
  const passing = (finishedAt: string) => async (): Promise<FullPassResult> => ({
    ok: true,
    failure: null,
    finishedAt,
  });

  beforeEach(() => {
    schema = uniqueSchema();
    pools = [];
  });

  afterEach(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await dropSchema(url, schema);
  });

  it('records who ran each pass, and answers it to an instance whose turn it was not', async () => {
    const a = await PostgresVerificationTurns.open(pool(), 'api-a', schema);
    const b = await PostgresVerificationTurns.open(pool(), 'api-b', schema);
    expect(await a.take(passing('2026-01-01T00:00:00.000Z'))).toEqual({
      ran: true,
      result: {
        ok: true,
        failure: null,
        finishedAt: '2026-01-01T00:00:00.000Z',
        instance: 'api-a',
      },
    });

    // While A is in the middle of its next pass, B's turn answers A's last one.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inPass = new Promise<void>((resolve) => (started = resolve));
    const running = a.take(async () => {
      started();
      await held;
      return { ok: true, failure: null, finishedAt: '2026-01-01T00:01:00.000Z' };
    });
    await inPass;
    const skipped = await b.take(passing('never'));
    expect(skipped).toEqual({
      ran: false,
      result: {
        ok: true,
        failure: null,
        finishedAt: '2026-01-01T00:00:00.000Z',
        instance: 'api-a',
      },
    });
    release();
    await running;
    expect((await b.take(passing('2026-01-01T00:02:00.000Z'))).result?.instance).toBe('api-b');
  });

  it('adds the column to a table recorded before instances were named: their pass is nobody’s', async () => {
    const old = pool();
    await runMigrations(old, schema, 'integrity_passes', VERIFICATION_MIGRATIONS.slice(0, 1));
    await old.query(
      `INSERT INTO ${schema}.integrity_passes (id, ok, failure, finished_at, passes)
       VALUES (1, true, NULL, '2025-12-31T00:00:00Z', 7)`,
    );
    const turns = await PostgresVerificationTurns.open(pool(), 'api-new', schema);
    const holder = await old.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [
        VERIFICATION_LOCK_CLASS,
        schema,
      ]);
      expect(await turns.take(passing('never'))).toEqual({
        ran: false,
        result: { ok: true, failure: null, finishedAt: '2025-12-31T00:00:00.000Z', instance: null },
      });
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
        VERIFICATION_LOCK_CLASS,
        schema,
      ]);
      holder.release();
    }
    await turns.take(passing('2026-01-01T00:00:00.000Z'));
    const { rows } = await old.query(
      `SELECT passes, instance FROM ${schema}.integrity_passes WHERE id = 1`,
    );
    expect(rows).toEqual([{ passes: '8', instance: 'api-new' }]);
  });

  it('fails the pass of an instance whose connection dies mid-pass, without ending its process, and the turn is free', async () => {
    const a = await PostgresVerificationTurns.open(pool(), 'api-a', schema);
    const b = await PostgresVerificationTurns.open(pool(), 'api-b', schema);
    let started!: () => void;
    const inPass = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const dying = a.take(async () => {
      started();
      await finished;
      return { ok: true, failure: null, finishedAt: '2026-01-01T00:00:00.000Z' };
    });
    await inPass;
    // With a timeout, pg_terminate_backend waits until the backend has ended (and its locks with
    // it); without one it only signals, and B could ask while A's backend still holds the turn.
    await pools[0].query(
      `SELECT pg_terminate_backend(pid, 10000) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND classid::bigint = $1
          AND objid::bigint = (hashtext($2)::bigint & 4294967295)`,
      [VERIFICATION_LOCK_CLASS, schema],
    );
    try {
      // The lock went with the backend: B's turn runs now, while A's pass has not ended.
      expect((await b.take(passing('2026-01-01T00:00:01.000Z'))).ran).toBe(true);
    } finally {
      finish(); // so that A's client goes back to its pool, whatever B got
    }
    await expect(dying).rejects.toThrow(/connection|terminat/i);
    expect((await b.take(passing('2026-01-01T00:00:02.000Z'))).result?.instance).toBe('api-b');
  });

  describe('the lease of the holder', () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    const open = (instance: string, lease: Lease, takeovers: LeaseTakeover[] = []) =>
      PostgresVerificationTurns.open(pool(), instance, schema, {
        lease,
        events: {
          tookOver: (takeover) => takeovers.push(takeover),
          takeoverFailed: (message) => {
            throw new Error(`not expected: ${message}`);
          },
        },
      });

    const leaseRow = async () => {
      const { rows } = await pools[0].query<{
        instance: string;
        backend_pid: number;
        lease_seconds: number;
        renewed_at: Date;
      }>(
        `SELECT instance, backend_pid, lease_seconds, renewed_at
           FROM ${schema}.integrity_pass_leases WHERE task = 'verification'`,
      );
      return rows[0];
    };

    const backendAlive = async (pid: number) =>
      (await pools[0].query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rows.length >
      0;

    const recorded = async () =>
      (
        await pools[0].query<{ passes: string; instance: string; finished_at: Date }>(
          `SELECT passes, instance, finished_at FROM ${schema}.integrity_passes WHERE id = 1`,
        )
      ).rows[0];

    /** `b`'s turns, one after another, until one runs (or a generous deadline passes). */
    const turnsUntilOneRuns = async (
      b: PostgresVerificationTurns,
      pass: () => Promise<FullPassResult>,
    ) => {
      const deadline = Date.now() + 20_000;
      let skipped = 0;
      while (Date.now() < deadline) {
        if ((await b.take(pass)).ran) return skipped;
        skipped++;
        await sleep(100);
      }
      throw new Error(`no turn ran in 20 s (${skipped} skipped)`);
    };

    it('keeps a live holder’s turn however long its pass takes: its heartbeat goes on meanwhile', async () => {
      // Two seconds (a paused CI machine must not look like a hung holder), renewed every 0.3 s.
      const short = { seconds: 2, everyMs: 300 };
      const takeovers: LeaseTakeover[] = [];
      const a = await open('api-a', short);
      const b = await open('api-b', short, takeovers);
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const beats: Date[] = [];
      let done = false;
      let aliveAtTheEnd: boolean | undefined;
      const running = a.take(async () => {
        holding();
        // Three leases long, in pieces, reading the heartbeat between them.
        for (let i = 0; i < 10; i++) {
          await sleep(600);
          beats.push((await leaseRow()).renewed_at);
        }
        aliveAtTheEnd = await backendAlive((await leaseRow()).backend_pid);
        return { ok: true, failure: null, finishedAt: '2026-01-01T00:00:06.000Z' };
      });
      await held;
      expect(await leaseRow()).toMatchObject({ instance: 'api-a', lease_seconds: 2 });
      // B's turns, all along A's pass: each finds it held by a live holder, and skips.
      const turns: boolean[] = [];
      void running.finally(() => (done = true));
      while (!done) {
        turns.push((await b.take(passing('never'))).ran);
        await sleep(200);
      }
      await running;
      expect(turns.length).toBeGreaterThanOrEqual(3);
      expect(turns.slice(0, -1).every((ran) => !ran)).toBe(true);
      expect(takeovers).toEqual([]);
      expect(aliveAtTheEnd).toBe(true);
      const distinct = new Set(beats.map((beat) => beat.getTime()));
      expect(distinct.size).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < beats.length; i++) {
        expect(beats[i].getTime()).toBeGreaterThanOrEqual(beats[i - 1].getTime());
      }
      const last = await recorded();
      // A's pass, unless B's last turn came after it and ran (then B's, recorded after A's).
      expect(['api-a', 'api-b']).toContain(last.instance);
      if (!turns[turns.length - 1]) {
        expect(last).toMatchObject({ passes: '1', instance: 'api-a' });
      }
    }, 30_000);

    it('ends the backend of a holder whose heartbeat stopped, and takes the turn; the holder, woken, records nothing', async () => {
      // A holder that beats once, then no more: a process stopped, or its event loop stuck.
      const takeovers: LeaseTakeover[] = [];
      const a = await open('api-a', { seconds: 1, everyMs: 3_600_000 });
      const b = await open('api-b', { seconds: 30, everyMs: 200 }, takeovers);
      await a.take(passing('2026-01-01T00:00:00.000Z'));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      let wake!: () => void;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const hanging = a.take(async () => {
        holding();
        await woken;
        return { ok: true, failure: null, finishedAt: '2026-01-01T00:09:00.000Z' };
      });
      await held;
      const holder = await leaseRow();
      let takenAt: Date | undefined;
      await turnsUntilOneRuns(b, async () => {
        takenAt = (await leaseRow()).renewed_at;
        return { ok: true, failure: null, finishedAt: '2026-01-01T00:01:00.000Z' };
      });
      // Not before the holder's lease (its own, 1 s; B's longer one is B's own) ran out, on the
      // database's clock.
      expect(takenAt!.getTime() - holder.renewed_at.getTime()).toBeGreaterThanOrEqual(1000);
      expect(takeovers).toHaveLength(1);
      expect(takeovers[0]).toMatchObject({
        from: 'api-a',
        backendPid: holder.backend_pid,
        leaseSeconds: 1,
      });
      expect(takeovers[0].staleSeconds).toBeGreaterThanOrEqual(1);
      expect(await backendAlive(holder.backend_pid)).toBe(false);
      expect(await recorded()).toMatchObject({ passes: '2', instance: 'api-b' });
      // A wakes: its connection is gone, so its record fails, and nothing of it is recorded.
      wake();
      await expect(hanging).rejects.toThrow(/connection|terminat/i);
      const last = await recorded();
      expect(last).toMatchObject({ passes: '2', instance: 'api-b' });
      expect(last.finished_at.toISOString()).toBe('2026-01-01T00:01:00.000Z');
      // And A's next turn is an ordinary one.
      expect((await a.take(passing('2026-01-01T00:02:00.000Z'))).ran).toBe(true);
      expect(takeovers).toHaveLength(1);
    }, 30_000);

    it('ends a holder that never beat at all once it was seen holding for a whole lease, over its turns', async () => {
      const takeovers: LeaseTakeover[] = [];
      const b = await open('api-b', { seconds: 1, everyMs: 200 }, takeovers);
      // Holding the lock by hand: an instance of a version without leases.
      const bare = await lockHeldByHand(url, VERIFICATION_LOCK_CLASS, schema);
      try {
        const startedAt = Date.now();
        const skipped = await turnsUntilOneRuns(b, passing('2026-01-01T00:00:00.000Z'));
        expect(skipped).toBeGreaterThanOrEqual(1);
        expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
        expect(takeovers).toEqual([expect.objectContaining({ from: null, backendPid: bare.pid })]);
        await expect(bare.client.query('SELECT 1')).rejects.toThrow();
      } finally {
        await bare.end();
      }
    }, 30_000);
  });
});
