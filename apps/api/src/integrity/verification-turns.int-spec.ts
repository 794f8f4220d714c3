import { runMigrations } from '@blue-ledger/event-store';
import { Pool } from 'pg';
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
});
