import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import type { Pool } from 'pg';
import {
  AdvisoryLease,
  DEFAULT_LEASE,
  nothingSeen,
  type HoldersSeen,
  type Lease,
  type LeaseTakeover,
} from '../infrastructure/advisory-lease';
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
  {
    version: 3,
    name: 'who holds the verification turn, and the heartbeat of their lease',
    // One row, task 'verification' (the columns every advisory lease's table has).
    sql: (s) => `
      CREATE TABLE ${s}.integrity_pass_leases (
        task          text        PRIMARY KEY,
        instance      text        NOT NULL,
        backend_pid   integer     NOT NULL,
        lease_seconds integer     NOT NULL,
        taken_at      timestamptz NOT NULL,
        renewed_at    timestamptz NOT NULL
      );`,
  },
];

/** What an instance tells of the holders of the verification turn it ends (for the log). */
export interface VerificationTurnEvents {
  tookOver(takeover: LeaseTakeover): void;
  /** A stale holder this instance could not end (e.g. its role may not): it skips its turn. */
  takeoverFailed(message: string): void;
}

const QUIET: VerificationTurnEvents = {
  tookOver: () => undefined,
  takeoverFailed: () => undefined,
};

/**
 * On PostgreSQL: one instance at a time verifies, under a session-level
 * `pg_try_advisory_lock` held on a client of its own for the length of the pass (a holder that
 * dies loses its connection, hence the lock); the others skip their turn and report the
 * holder's last result, kept in one row of `integrity_passes` with the holder's name.
 *
 * A holder that hangs without dying would keep the turn for ever, and no pass would run again:
 * so it holds a lease (`AdvisoryLease`, its heartbeat in `integrity_pass_leases`, renewed from
 * a timer on its lock client). An instance that finds the turn taken looks at the holder's
 * heartbeat; once it is older than the holder's lease, at two looks in a row, it ends the
 * holder's backend and takes the turn itself. The hung holder's record, on its lock client,
 * then fails: it records nothing.
 */
export class PostgresVerificationTurns implements VerificationTurns {
  /** What this instance saw of the holders at its earlier turns. */
  private readonly seen: HoldersSeen = nothingSeen();
  /** The last takeover failure told (told once). */
  private failure: string | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    /** The schema, checked and quoted, to splice into SQL. */
    private readonly s: string,
    /** This instance's name, recorded with each pass it runs. */
    private readonly instance: string,
    private readonly lease: AdvisoryLease,
    private readonly events: VerificationTurnEvents,
  ) {}

  static async open(
    pool: Pool,
    instance: string,
    schema = 'public',
    {
      lease = DEFAULT_LEASE,
      events = QUIET,
    }: { lease?: Lease; events?: VerificationTurnEvents } = {},
  ): Promise<PostgresVerificationTurns> {
    const quoted = await openMigratedSchema(
      pool,
      schema,
      'integrity_passes',
      VERIFICATION_MIGRATIONS,
    );
    const advisory = new AdvisoryLease(
      pool,
      {
        table: `${quoted}.integrity_pass_leases`,
        task: 'verification',
        lockClass: VERIFICATION_LOCK_CLASS,
        lockKey: schema,
        instance,
      },
      lease,
    );
    return new PostgresVerificationTurns(pool, schema, quoted, instance, advisory, events);
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
      const tryLock = async () =>
        (
          await client.query<{ got: boolean }>(
            'SELECT pg_try_advisory_lock($1, hashtext($2)) AS got',
            [VERIFICATION_LOCK_CLASS, this.schema],
          )
        ).rows[0].got;
      let got = await tryLock();
      // Taken: by an instance in the middle of its pass (its turn is skipped), or by one hung
      // past its lease (its backend is ended, and the turn taken, unless another is quicker).
      if (!got && (await this.endStaleHolder())) got = await tryLock();
      if (!got) return { ran: false, result: await this.last() };
      let beating: { stop(): void } | undefined;
      try {
        beating = await this.lease.hold(client);
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
        beating?.stop();
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

  /** Whether the holder of the turn was stale past its lease, and its backend is ended now. */
  private async endStaleHolder(): Promise<boolean> {
    try {
      const takeover = await this.lease.endIfStale(this.seen);
      if (takeover === null) return false;
      this.failure = undefined;
      this.events.tookOver(takeover);
      return true;
    } catch (error) {
      // Told once (e.g. the role may not end others' backends): the turn is skipped.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.failure) {
        this.failure = message;
        this.events.takeoverFailed(message);
      }
      return false;
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
