import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import type { Pool } from 'pg';
import type { IntegrityFailure } from './integrity-watch';

/** The outcome of one background full pass over the store. */
export interface FullPassResult {
  ok: boolean;
  failure: IntegrityFailure | null;
  /** When the pass ended (ISO 8601). */
  finishedAt: string;
  /**
   * Which instance ran it (its LEDGER_INSTANCE_ID), when passes are shared; null for a pass
   * recorded before instances were named.
   */
  instance?: string | null;
}

export const VERIFICATION_TURNS = Symbol('VERIFICATION_TURNS');

/**
 * Whose turn it is to run the periodic full verification pass when several instances share one
 * store. `take` runs `pass` when no other instance is running one and records its result;
 * otherwise it runs nothing and answers the last result recorded (null when none yet).
 */
export interface VerificationTurns {
  take(
    pass: () => Promise<FullPassResult>,
  ): Promise<{ ran: boolean; result: FullPassResult | null }>;
}

/** Advisory-lock class of the background verification; the other key is `hashtext(schema)`. */
export const VERIFICATION_LOCK_CLASS = 0x426c5600;

export const VERIFICATION_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'the last background verification pass of any instance',
    sql: (s) => `
      CREATE TABLE ${s}.integrity_passes (
        id          integer     PRIMARY KEY CHECK (id = 1),
        ok          boolean     NOT NULL,
        failure     jsonb,
        finished_at timestamptz NOT NULL,
        passes      bigint      NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'which instance ran the last pass',
    // Null in a row recorded before: no one can say now.
    sql: (s) => `ALTER TABLE ${s}.integrity_passes ADD COLUMN instance text;`,
  },
];

/**
 * On PostgreSQL: one instance at a time verifies, under a session-level
 * `pg_try_advisory_lock` held on a client of its own for the length of the pass (a holder that
 * dies loses its connection, hence the lock); the others skip their turn and report the
 * holder's last result, kept in one row of `integrity_passes` with the holder's name.
 */
export class PostgresVerificationTurns implements VerificationTurns {
  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    /** The schema, checked and quoted, to splice into SQL. */
    private readonly s: string,
    /** This instance's name, recorded with each pass it runs. */
    private readonly instance: string,
  ) {}

  static async open(
    pool: Pool,
    instance: string,
    schema = 'public',
  ): Promise<PostgresVerificationTurns> {
    const quoted = await openMigratedSchema(
      pool,
      schema,
      'integrity_passes',
      VERIFICATION_MIGRATIONS,
    );
    return new PostgresVerificationTurns(pool, schema, quoted, instance);
  }

  async take(
    pass: () => Promise<FullPassResult>,
  ): Promise<{ ran: boolean; result: FullPassResult | null }> {
    const { s } = this;
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // The connection lost while this client is out of the pool (the server restarted, the
    // backend was terminated) is an 'error' event on it: unheard, it would end the process.
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      const { rows } = await client.query<{ got: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS got',
        [VERIFICATION_LOCK_CLASS, this.schema],
      );
      if (!rows[0].got) return { ran: false, result: await this.last() };
      try {
        const result = { ...(await pass()), instance: this.instance };
        await client.query(
          `INSERT INTO ${s}.integrity_passes (id, ok, failure, finished_at, passes, instance)
           VALUES (1, $1, $2, $3, 1, $4)
           ON CONFLICT (id) DO UPDATE SET ok = EXCLUDED.ok, failure = EXCLUDED.failure,
             finished_at = EXCLUDED.finished_at, passes = ${s}.integrity_passes.passes + 1,
             instance = EXCLUDED.instance`,
          [
            result.ok,
            result.failure ? JSON.stringify(result.failure) : null,
            result.finishedAt,
            result.instance,
          ],
        );
        return { ran: true, result };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
          VERIFICATION_LOCK_CLASS,
          this.schema,
        ]);
      }
    } catch (error) {
      // A client whose unlock may not have run is closed, so its session lock goes with it.
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }

  private async last(): Promise<FullPassResult | null> {
    const { rows } = await this.pool.query<{
      ok: boolean;
      failure: IntegrityFailure | null;
      finished_at: Date;
      instance: string | null;
    }>(`SELECT ok, failure, finished_at, instance FROM ${this.s}.integrity_passes WHERE id = 1`);
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      ok: row.ok,
      failure: row.failure,
      finishedAt: row.finished_at.toISOString(),
      instance: row.instance,
    };
  }
}
