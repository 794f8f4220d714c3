import type { Pool } from 'pg';
import type { ProposedEvent } from '../event-store.port';
import { batchColumns } from './event-row';
import { statementName } from './event-queries';
import { quotedSchema } from './sql-names';

const RAW_TABLE = 'bench_raw_events';

/** How the raw baseline commits: each command's rows on their own, or rows grouped per commit. */
export type RawCommits = { perCommand: true } | { rowsPerCommit: number };

/** One command's events as it committed them (the shape of the command path's result). */
export interface RawBatch {
  streamId: string;
  /** Revision of the batch's last event. */
  revision: bigint;
  events: readonly ProposedEvent[];
}

/**
 * The baseline of the command path on PostgreSQL, for the bench: the same rows inserted into
 * a copy of the events table (same columns, constraints and indexes; no triggers, so no write
 * lock and no NOTIFY, and a plain identity for the position) through the same driver and the
 * same pool (synchronous_commit on), one `INSERT ...` per batch committed on its own, as the
 * ledger commits a command (or, with `rowsPerCommit`, batches grouped into larger commits). No read, no fold, no decision, no hashing, no revision check.
 */
export async function measureRawInserts(
  pool: Pool,
  schema: string,
  batches: readonly RawBatch[],
  commits: RawCommits = { perCommand: true },
): Promise<{ events: number; seconds: number; commits: number }> {
  const s = quotedSchema(schema);
  await createRawTable(pool, s);
  const text = `INSERT INTO ${s}.${RAW_TABLE} (stream_id, stream_revision, event_id, type,
             schema_version, recorded_at, occurred_at, actor_id, actor_role, correlation_id,
             causation_id, data, prev_hash, hash)
           SELECT $1, $2 + ordinality - 1, e.event_id, e.type, e.schema_version, e.recorded_at,
             e.occurred_at, e.actor_id, e.actor_role, e.correlation_id, e.causation_id, e.data,
             e.prev_hash, e.hash
           FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[],
             $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
             WITH ORDINALITY AS e(event_id, type, schema_version, recorded_at, occurred_at,
               actor_id, actor_role, correlation_id, causation_id, data, prev_hash, hash)`;
  const insert = { name: statementName(text), text };
  const values = (batch: RawBatch) => [
    batch.streamId,
    batch.revision - BigInt(batch.events.length - 1),
    ...batchColumns(batch.events),
  ];
  // Not timed: rows of these batches inserted by an earlier baseline of the run go first (the
  // table's unique indexes would refuse them twice), so every baseline inserts the same rows.
  await pool.query(`DELETE FROM ${s}.${RAW_TABLE} WHERE event_id = ANY($1::text[])`, [
    batches.flatMap((batch) => batch.events.map((event) => event.eventId)),
  ]);
  let events = 0;
  let committed = 0;
  const start = process.hrtime.bigint();
  if ('perCommand' in commits) {
    for (const batch of batches) {
      await pool.query({ ...insert, values: values(batch) });
      events += batch.events.length;
      committed++;
    }
  } else {
    // Commands' rows grouped into transactions of at least `rowsPerCommit` rows, on one client.
    const client = await pool.connect();
    try {
      let inTransaction = 0;
      for (const batch of batches) {
        if (inTransaction === 0) await client.query('BEGIN');
        await client.query({ ...insert, values: values(batch) });
        events += batch.events.length;
        inTransaction += batch.events.length;
        if (inTransaction >= Math.max(1, commits.rowsPerCommit)) {
          await client.query('COMMIT');
          committed++;
          inTransaction = 0;
        }
      }
      if (inTransaction > 0) {
        await client.query('COMMIT');
        committed++;
      }
    } finally {
      client.release();
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { events, seconds, commits: committed };
}

/**
 * Setup: the baseline's table, filled with a copy of every event, so that each insert meets
 * indexes as deep as the ledger's own (an empty table would make the baseline look faster).
 */
export async function prepareRawTable(pool: Pool, schema: string): Promise<void> {
  const s = quotedSchema(schema);
  await createRawTable(pool, s);
  await pool.query(`TRUNCATE ${s}.${RAW_TABLE}`);
  await pool.query(
    `INSERT INTO ${s}.${RAW_TABLE} (event_id, stream_id, stream_revision, type, schema_version,
       recorded_at, occurred_at, actor_id, actor_role, correlation_id, causation_id, data,
       prev_hash, hash)
     SELECT event_id, stream_id, stream_revision, type, schema_version, recorded_at,
       occurred_at, actor_id, actor_role, correlation_id, causation_id, data, prev_hash, hash
     FROM ${s}.events ORDER BY global_position`,
  );
}

async function createRawTable(pool: Pool, s: string): Promise<void> {
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${s}.${RAW_TABLE}
       (LIKE ${s}.events INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING STORAGE)`,
  );
  const { rows } = await pool.query<{ identity: string }>(
    `SELECT attidentity AS identity FROM pg_attribute
     WHERE attrelid = '${s}.${RAW_TABLE}'::regclass AND attname = 'global_position'`,
  );
  if (rows[0]?.identity === '') {
    await pool.query(
      `ALTER TABLE ${s}.${RAW_TABLE} ALTER COLUMN global_position ADD GENERATED ALWAYS AS IDENTITY`,
    );
  }
}
