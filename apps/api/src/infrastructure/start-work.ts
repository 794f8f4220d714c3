import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import { Client, type ClientConfig, type Pool } from 'pg';

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
];

/**
 * On PostgreSQL: a task runs under a session-level `pg_advisory_lock` taken on a connection of
 * its own (not the pool's: an instance that stops while it waits, or runs, must not wait for
 * it), so one instance runs it and the others wait; each then starts where the last run ended
 * (kept in `start_work`, with the runs, what they did in all, and who ran the last), which is
 * usually nothing left. A holder that dies loses its connection, hence the lock, and the next
 * in line runs the task from where the last completed run ended.
 */
export class PostgresStartWork implements StartWork {
  /** The connections holding, or waiting for, a task's lock. */
  private readonly connections = new Set<Client>();
  private closed = false;

  private constructor(
    private readonly connection: ClientConfig,
    private readonly schema: string,
    private readonly s: string,
    private readonly instance: string,
  ) {}

  /** On the pool's database, with connections made like the pool's. */
  static async open(pool: Pool, instance: string, schema = 'public'): Promise<PostgresStartWork> {
    const quoted = await openMigratedSchema(pool, schema, 'start_work', MIGRATIONS);
    return new PostgresStartWork(pool.options, schema, quoted, instance);
  }

  async inTurn(
    task: StartTask,
    work: (covered: bigint | null) => Promise<StartWorkRun | null>,
  ): Promise<void> {
    if (this.closed) throw new Error('the work at start is closed: the instance is stopping');
    const { s } = this;
    const client = new Client(this.connection);
    // A connection lost meanwhile (the server restarted, the backend was terminated, `close`)
    // is an 'error' event: unheard, it would end the process. The query waiting fails instead.
    client.on('error', () => undefined);
    this.connections.add(client);
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [
        START_WORK_LOCK_CLASS,
        `${this.schema}:${task}`,
      ]);
      const { rows } = await client.query<{ covered: string }>(
        `SELECT covered FROM ${s}.start_work WHERE task = $1`,
        [task],
      );
      const run = await work(rows.length > 0 ? BigInt(rows[0].covered) : null);
      if (run === null) return;
      await client.query(
        `INSERT INTO ${s}.start_work (task, covered, runs, done, instance, finished_at)
         VALUES ($1, $2, 1, $3, $4, now())
         ON CONFLICT (task) DO UPDATE SET
           covered = GREATEST(${s}.start_work.covered, EXCLUDED.covered),
           runs = ${s}.start_work.runs + 1, done = ${s}.start_work.done + EXCLUDED.done,
           instance = EXCLUDED.instance, finished_at = EXCLUDED.finished_at`,
        [task, String(run.covered), run.done, this.instance],
      );
    } finally {
      this.connections.delete(client);
      // Ending the session lets go of the lock.
      await client.end().catch(() => undefined);
    }
  }

  /** Stops waiting, and holding: each task running or waiting fails, recording nothing. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.connections].map((client) => client.end().catch(() => undefined)));
  }
}
