import type { CommandResult } from '@blue-ledger/command-handling';
import BetterSqlite3 from 'better-sqlite3';
import { insertParameters } from '../../libs/event-store/src/sqlite/event-row';
import { secondsSince } from './timing';

const RAW_TABLE = 'bench_raw_events';

/** How the raw baseline commits: each command's rows in a transaction of their own, or rows in fixed-size batches. */
export type RawCommits = { perCommand: true } | { rowsPerCommit: number };

/**
 * The baselines of the appends: the same rows inserted with bare better-sqlite3 into a table
 * built from the events table's own DDL (same columns, constraints and indexes) in the same
 * file, holding as many rows as the ledger (see `prepareRawTable`), with the same settings
 * (WAL, synchronous=FULL). No read, no fold, no decision, no hashing, no concurrency: one loop
 * of inserts and commits. The rows are deleted again afterwards (not timed), so that every
 * baseline of a run inserts the same rows into a table of the same depth.
 */
export function measureRawInserts(
  file: string,
  batches: readonly CommandResult[],
  commits: RawCommits,
): { events: number; seconds: number; commits: number } {
  const db = new BetterSqlite3(file, { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    createRawTable(db);
    matchIndexes(db);
    const insert = db
      .prepare(
        `INSERT INTO ${RAW_TABLE} (event_id, stream_id, stream_revision, type, schema_version,
        recorded_at, occurred_at, actor_id, actor_role, correlation_id, causation_id, data, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .safeIntegers(true);
    const rows = batches.map((batch) => {
      const first = batch.revision - BigInt(batch.events.length - 1);
      return batch.events.map((event, i) =>
        insertParameters(batch.streamId, first + BigInt(i), event),
      );
    });
    const groups =
      'perCommand' in commits ? rows : chunks(rows.flat(), Math.max(1, commits.rowsPerCommit));
    const commit = db.transaction((group: unknown[][]) => {
      for (const parameters of group) insert.run(...parameters);
    }).immediate;
    const before = db.prepare(`SELECT MAX(global_position) FROM ${RAW_TABLE}`).pluck().get();
    let events = 0;
    const start = process.hrtime.bigint();
    for (const group of groups) {
      commit(group);
      events += group.length;
    }
    const seconds = secondsSince(start);
    db.prepare(`DELETE FROM ${RAW_TABLE} WHERE global_position > ?`).run(before ?? 0);
    return { events, seconds, commits: groups.length };
  } finally {
    db.close();
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

/**
 * Setup: the baseline's table, filled with a copy of every event, so that each insert meets
 * indexes as deep as the ledger's own (an empty table would make the baseline look faster).
 */
export function prepareRawTable(db: BetterSqlite3.Database): void {
  createRawTable(db);
  db.exec(`DELETE FROM ${RAW_TABLE}; INSERT INTO ${RAW_TABLE} SELECT * FROM events`);
}

/**
 * Gives the baseline's table every index the events table has now (not timed): the read
 * models add some to it (the audit trail's, by actor and by recorded time) once they run,
 * after the baseline's table was made, and each one costs every insert.
 */
function matchIndexes(db: BetterSqlite3.Database): void {
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL`,
    )
    .all() as { name: string; sql: string }[];
  for (const { name, sql } of indexes) {
    const onRawTable = sql.replace(
      /^CREATE INDEX (?:IF NOT EXISTS )?\w+ ON events\b/i,
      `CREATE INDEX IF NOT EXISTS ${RAW_TABLE}_${name} ON ${RAW_TABLE}`,
    );
    if (onRawTable === sql) throw new Error(`cannot copy the index ${name}: ${sql}`);
    db.exec(onRawTable);
  }
}

function createRawTable(db: BetterSqlite3.Database): void {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(RAW_TABLE);
  if (exists) return;
  const ddl = db
    .prepare(
      `SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND type IN ('table', 'index') AND sql IS NOT NULL`,
    )
    .all() as { sql: string }[];
  for (const { sql } of ddl) {
    db.exec(
      sql
        .replace(/CREATE TABLE events\b/, `CREATE TABLE ${RAW_TABLE}`)
        .replace(
          /^CREATE INDEX (?:IF NOT EXISTS )?(\w+) ON events\b/i,
          `CREATE INDEX IF NOT EXISTS ${RAW_TABLE}_$1 ON ${RAW_TABLE}`,
        ),
    );
  }
}
