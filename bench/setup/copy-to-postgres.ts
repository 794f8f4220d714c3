import { PostgresEventStore, type EventStore } from '@blue-ledger/event-store';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { batchColumns } from '../../libs/event-store/src/postgres/event-row';
import { prepareRawTable } from '../../libs/event-store/src/postgres/raw-insert-baseline';
import { secondsSince } from '../measure/timing';

const PAGE = 5000;
const log = (message: string) => console.error(`[bench] ${message}`);

export interface BenchDatabase {
  /** DATABASE_URL of the bench's own database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Setup of `--store postgres`: a database of the bench's own on the server of `serverUrl`
 * (DATABASE_URL), holding a copy of every event of the ledger built on SQLite, in the same
 * global order (the store's trigger draws the positions as the rows arrive), and the raw
 * baseline's table filled with the same rows. Setup only: relaxed durability is not used, the
 * copy is simply done in large statements.
 */
export async function copyLedgerToPostgres(
  source: EventStore,
  serverUrl: string,
): Promise<BenchDatabase> {
  const name = `bl_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await onServer(serverUrl, `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  const url = withDatabase(serverUrl, name);
  const drop = () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const start = process.hrtime.bigint();
  const store = await PostgresEventStore.open(url, { listen: false });
  try {
    let copied = 0;
    let from: bigint | 'start' = 'start';
    for (;;) {
      const page = await source.readAll({ fromPosition: from, maxCount: PAGE });
      if (page.length === 0) break;
      await store.pool.query(
        `INSERT INTO events (stream_id, stream_revision, event_id, type, schema_version,
           recorded_at, occurred_at, actor_id, actor_role, correlation_id, causation_id, data,
           prev_hash, hash)
         SELECT e.stream_id, e.stream_revision, e.event_id, e.type, e.schema_version,
           e.recorded_at, e.occurred_at, e.actor_id, e.actor_role, e.correlation_id,
           e.causation_id, e.data, e.prev_hash, e.hash
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::text[],
           $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
           $13::text[], $14::text[])
           WITH ORDINALITY AS e(stream_id, stream_revision, event_id, type, schema_version,
             recorded_at, occurred_at, actor_id, actor_role, correlation_id, causation_id, data,
             prev_hash, hash, ordinality)
         ORDER BY e.ordinality`,
        [
          page.map((e) => e.streamId),
          page.map((e) => e.streamRevision.toString()),
          ...batchColumns(page),
        ],
      );
      copied += page.length;
      if (page.length < PAGE) break;
      from = page[page.length - 1].globalPosition + 1n;
    }
    await store.pool.query('ANALYZE events');
    await prepareRawTable(store.pool, 'public');
    log(`copied ${copied} events into PostgreSQL (${name}) in ${secondsSince(start).toFixed(1)} s`);
    return { url, name, drop };
  } catch (error) {
    await store.close();
    await drop();
    throw error;
  } finally {
    await store.close().catch(() => undefined);
  }
}
