import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import { Client, type ClientConfig, type Pool } from 'pg';
import { AdvisoryLease, DEFAULT_LEASE, type Lease, type LeaseTakeover } from './advisory-lease';

export const START_WORK = Symbol('START_WORK');

/** What an instance does at start for the whole ledger (see SubjectErasures, the consequences). */
export type StartTask = 'erasures' | 'pending_consequences';

/**
 * Work each instance does at start over the ledger as a whole, which several instances sharing
 * one store would otherwise each do, at the same moment, racing one another.
 */
export interface StartWork {
  /**
   * Runs `work` while no other instance runs the same task, waiting for one that does. `work`
   * is told the global position the last completed run of the task (by any instance) covered,
   * null when none did, and answers the position it covered itself and how many things it did
   * (erasures applied, consequences recorded), or null when it had nothing to look at (nothing
   * is recorded then).
   */
  inTurn(
    task: StartTask,
    work: (covered: bigint | null) => Promise<StartWorkRun | null>,
  ): Promise<void>;
  /** Stops: a task waiting for its turn, or running, fails (and records nothing). */
  close(): Promise<void>;
}

/** One run of a task at start: the global position it covered, and how many things it did. */
export interface StartWorkRun {
  covered: bigint;
  done: number;
}

/** One instance over its own store (SQLite, EventStoreDB): no one to wait for, nothing recorded. */
export const ALONE: StartWork = {
  async inTurn(_task, work) {
    await work(null);
  },
  async close() {},
};

/** Advisory-lock class of the work at start; the other key is `hashtext(schema:task)`. */
export const START_WORK_LOCK_CLASS = 0x426c5300;

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'how far the last run of each task at start covered, and who ran it',
    sql: (s) => `
      CREATE TABLE ${s}.start_work (
        task        text        PRIMARY KEY,
        covered     bigint      NOT NULL,
        runs        bigint      NOT NULL,
        done        bigint      NOT NULL,
        instance    text        NOT NULL,
        finished_at timestamptz NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'who holds each task at start, and the heartbeat of their lease',
    sql: (s) => `
      CREATE TABLE ${s}.start_work_leases (
        task          text        PRIMARY KEY,
        instance      text        NOT NULL,
        backend_pid   integer     NOT NULL,
        lease_seconds integer     NOT NULL,
        taken_at      timestamptz NOT NULL,
        renewed_at    timestamptz NOT NULL
      );`,
  },
];

/** What a waiter saw of the holder it took the turn from. */
export interface StartWorkTakeover extends LeaseTakeover {
  task: StartTask;
}

/** What a waiter tells of the holders it ends (for the log). */
export interface StartWorkEvents {
  tookOver(takeover: StartWorkTakeover): void;
  /** A stale holder this waiter could not end (e.g. its role may not): it goes on waiting. */
  takeoverFailed(task: StartTask, message: string): void;
}

const QUIET: StartWorkEvents = { tookOver: () => undefined, takeoverFailed: () => undefined };

/**
 * On PostgreSQL: a task runs under a session-level `pg_advisory_lock` taken on a connection of
 * its own (not the pool's: an instance that stops while it waits, or runs, must not wait for
 * it), so one instance runs it and the others wait; each then starts where the last run ended
 * (kept in `start_work`, with the runs, what they did in all, and who ran the last), which is
 * usually nothing left. A holder that dies loses its connection, hence the lock, and the next
 * in line runs the task from where the last completed run ended.
 *
 * A holder that hangs without dying (stopped, its event loop stuck, cut off while its TCP
 * connection stays open) would keep the lock for ever: so it holds a lease. While it holds the
 * lock it renews a heartbeat in `start_work_leases` (the database's `now()`, never a clock of
 * its own) from a timer, on its lock connection; a waiter that sees the heartbeat of the
 * backend holding the lock older than the lease the holder declared ends that backend
 * (`pg_terminate_backend`, waiting until it is gone), and so the lock is let go. The holder,
 * when it wakes, finds its connection gone: what it then records fails. What it did through the
 * pool meanwhile is done again by the next holder, and is idempotent (an erasure deletes a key
 * and inserts its record `ON CONFLICT DO NOTHING`; a consequence's event ids derive from its
 * implementation's, so it is appended once whoever appends it first).
 */
export class PostgresStartWork implements StartWork {
  /** The connections holding, or waiting for, a task's lock. */
  private readonly connections = new Set<Client>();
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly s: string,
    private readonly instance: string,
    private readonly lease: Lease,
    private readonly events: StartWorkEvents,
  ) {}

  /** The lease of `task`'s lock, its heartbeat in `start_work_leases`. */
  private leaseOf(task: StartTask): AdvisoryLease {
    return new AdvisoryLease(
      this.pool,
      {
        table: `${this.s}.start_work_leases`,
        task,
        lockClass: START_WORK_LOCK_CLASS,
        lockKey: `${this.schema}:${task}`,
        instance: this.instance,
      },
      this.lease,
    );
  }

  /** On the pool's database, with connections made like the pool's. */
  static async open(
    pool: Pool,
    instance: string,
    schema = 'public',
    { lease = DEFAULT_LEASE, events = QUIET }: { lease?: Lease; events?: StartWorkEvents } = {},
  ): Promise<PostgresStartWork> {
    const quoted = await openMigratedSchema(pool, schema, 'start_work', MIGRATIONS);
    return new PostgresStartWork(pool, schema, quoted, instance, lease, events);
  }

  async inTurn(
    task: StartTask,
    work: (covered: bigint | null) => Promise<StartWorkRun | null>,
  ): Promise<void> {
    if (this.closed) throw new Error('the work at start is closed: the instance is stopping');
    const { s } = this;
    const client = new Client(this.pool.options as ClientConfig);
    // A connection lost meanwhile (the server restarted, the backend was terminated, `close`)
    // is an 'error' event: unheard, it would end the process. The query waiting fails instead.
    client.on('error', () => undefined);
    this.connections.add(client);
    try {
      await client.connect();
      const lease = this.leaseOf(task);
      // While waiting (the blocking lock: the turn passes the moment the holder lets go), a
      // holder whose heartbeat is older than its lease has its backend ended.
      const watching = lease.watch({
        tookOver: (takeover) => this.events.tookOver({ task, ...takeover }),
        failed: (message) => this.events.takeoverFailed(task, message),
      });
      try {
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [
          START_WORK_LOCK_CLASS,
          `${this.schema}:${task}`,
        ]);
      } finally {
        await watching.stop();
      }
      const beating = await lease.hold(client);
      try {
        const { rows } = await client.query<{ covered: string }>(
          `SELECT covered FROM ${s}.start_work WHERE task = $1`,
          [task],
        );
        const run = await work(rows.length > 0 ? BigInt(rows[0].covered) : null);
        if (run === null) return;
        // On the lock's connection: a holder whose turn was ended meanwhile records nothing.
        await this.onLockConnection(
          task,
          client.query(
            `INSERT INTO ${s}.start_work (task, covered, runs, done, instance, finished_at)
           VALUES ($1, $2, 1, $3, $4, now())
           ON CONFLICT (task) DO UPDATE SET
             covered = GREATEST(${s}.start_work.covered, EXCLUDED.covered),
             runs = ${s}.start_work.runs + 1, done = ${s}.start_work.done + EXCLUDED.done,
             instance = EXCLUDED.instance, finished_at = EXCLUDED.finished_at`,
            [task, String(run.covered), run.done, this.instance],
          ),
        );
      } finally {
        beating.stop();
      }
    } finally {
      this.connections.delete(client);
      // Ending the session lets go of the lock.
      await client.end().catch(() => undefined);
    }
  }

  /** `query`'s answer, or, when the connection is gone, a failure saying what that means. */
  private async onLockConnection<T>(task: StartTask, query: Promise<T>): Promise<T> {
    try {
      return await query;
    } catch (error) {
      if (this.closed) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `the ${task} turn of ${this.instance} was ended by another instance (its lease ran out), or its connection lost: its run is not recorded (${message})`,
        { cause: error },
      );
    }
  }

  /** Stops waiting, and holding: each task running or waiting fails, recording nothing. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.connections].map((client) => client.end().catch(() => undefined)));
  }
}
