import type { CommandResult } from '@blue-ledger/command-handling';
import BetterSqlite3 from 'better-sqlite3';
import { insertParameters } from '../../libs/event-store/src/sqlite/event-row';
import { secondsSince } from './timing';

const RAW_TABLE = 'bench_raw_events';

/**
 * The baseline of the command path: the same rows inserted with bare better-sqlite3 into a
 * table built from the events table's own DDL (same columns, constraints and indexes) in the
 * same file, holding as many rows as the ledger (see `prepareRawTable`), with the same settings
 * (WAL, synchronous=FULL) and one transaction per command, as the ledger commits them. No
 * read, no fold, no decision, no hashing.
 */
export function measureRawInserts(
  file: string,
  batches: readonly CommandResult[],
): { events: number; seconds: number } {
  const db = new BetterSqlite3(file, { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    createRawTable(db);
    const insert = db
      .prepare(
        `INSERT INTO ${RAW_TABLE} (event_id, stream_id, stream_revision, type, schema_version,
        recorded_at, occurred_at, actor_id, actor_role, correlation_id, causation_id, data, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .safeIntegers(true);
    const append = db.transaction((batch: CommandResult) => {
      const first = batch.revision - BigInt(batch.events.length - 1);
      batch.events.forEach((event, i) =>
        insert.run(...insertParameters(batch.streamId, first + BigInt(i), event)),
      );
    }).immediate;
    let events = 0;
    const start = process.hrtime.bigint();
    for (const batch of batches) {
      append(batch);
      events += batch.events.length;
    }
    return { events, seconds: secondsSince(start) };
  } finally {
    db.close();
  }
}

/**
 * Setup: the baseline's table, filled with a copy of every event, so that each insert meets
 * indexes as deep as the ledger's own (an empty table would make the baseline look faster).
 */
export function prepareRawTable(db: BetterSqlite3.Database): void {
  createRawTable(db);
  db.exec(`DELETE FROM ${RAW_TABLE}; INSERT INTO ${RAW_TABLE} SELECT * FROM events`);
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
        .replace(/CREATE INDEX (\w+) ON events\b/, `CREATE INDEX ${RAW_TABLE}_$1 ON ${RAW_TABLE}`),
    );
  }
}
