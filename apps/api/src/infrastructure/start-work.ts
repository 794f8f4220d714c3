import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import type { Pool } from 'pg';

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
 * On PostgreSQL: a task runs under a session-level `pg_advisory_lock` taken on a client of its
 * own, so one instance runs it and the others wait; each then starts where the last run ended
 * (kept in `start_work`, with the runs, what they did in all, and who ran the last), which is
 * usually nothing left. A holder that dies loses its connection, hence the lock, and the next
 * in line runs the task from where the last completed run ended.
 */
export class PostgresStartWork implements StartWork {
  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly s: string,
    private readonly instance: string,
  ) {}

  static async open(pool: Pool, instance: string, schema = 'public'): Promise<PostgresStartWork> {
    const quoted = await openMigratedSchema(pool, schema, 'start_work', MIGRATIONS);
    return new PostgresStartWork(pool, schema, quoted, instance);
  }

  async inTurn(
    task: StartTask,
    work: (covered: bigint | null) => Promise<StartWorkRun | null>,
  ): Promise<void> {
    const { s } = this;
    const key = [START_WORK_LOCK_CLASS, `${this.schema}:${task}`];
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // The connection lost while this client is out of the pool (the server restarted, the
    // backend was terminated) is an 'error' event on it: unheard, it would end the process.
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', key);
      try {
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
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', key);
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
}
