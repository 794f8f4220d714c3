import { eventIds, proposedEvents } from '../testing/proposed-event';
import { PostgresEventStore } from './postgres-event-store';
import { measureRawInserts, prepareRawTable, type RawBatch } from './raw-insert-baseline';
import { quotedSchema } from './sql-names';
import { describeOnPostgres, dropSchema, uniqueSchema } from './testing/test-database';

describeOnPostgres('The raw-insert baseline on PostgreSQL', (url) => {
  let schema: string;
  let store: PostgresEventStore;

  beforeEach(async () => {
    schema = uniqueSchema();
    store = await PostgresEventStore.open(url, { schema });
  });

  afterEach(async () => {
    await store.close();
    await dropSchema(url, schema);
  });

  it('inserts the very rows the store committed, batch by batch, into a copy of the events table', async () => {
    await store.appendToStream('incident-before', proposedEvents(4));
    await prepareRawTable(store.pool, schema);
    const batches: RawBatch[] = [];
    for (let i = 0; i < 10; i++) {
      const streamId = `incident-${i % 3}`;
      const events = proposedEvents(1 + (i % 3));
      const { nextExpectedRevision } = await store.appendToStream(streamId, events);
      batches.push({ streamId, revision: nextExpectedRevision, events });
    }

    const measured = await measureRawInserts(store.pool, schema, batches);

    expect(measured.events).toBe(batches.flatMap((b) => b.events).length);
    expect(measured.seconds).toBeGreaterThan(0);
    const s = quotedSchema(schema);
    const columns =
      'event_id, stream_id, stream_revision, type, schema_version, recorded_at, occurred_at, ' +
      'actor_id, actor_role, correlation_id, causation_id, data, prev_hash, hash';
    const difference = await store.pool.query(
      `(SELECT ${columns} FROM ${s}.events EXCEPT SELECT ${columns} FROM ${s}.bench_raw_events)
       UNION ALL
       (SELECT ${columns} FROM ${s}.bench_raw_events EXCEPT SELECT ${columns} FROM ${s}.events)`,
    );
    expect(difference.rows).toEqual([]);
    const { rows } = await store.pool.query<{ event_id: string }>(
      `SELECT event_id FROM ${s}.bench_raw_events ORDER BY global_position`,
    );
    expect(rows.map((r) => r.event_id)).toEqual(eventIds(await store.readAll()));
  });

  it('has the events table’s constraints and indexes, and none of its triggers', async () => {
    await prepareRawTable(store.pool, schema);
    const s = quotedSchema(schema);

    const count = async (sql: string) => Number((await store.pool.query(sql)).rows[0].n);
    const indexes = (table: string) =>
      count(
        `SELECT count(*) AS n FROM pg_indexes WHERE schemaname = '${schema}' AND tablename = '${table}'`,
      );
    expect(await indexes('bench_raw_events')).toBe(await indexes('events'));
    expect(
      await count(
        `SELECT count(*) AS n FROM pg_trigger WHERE tgrelid = '${s}.bench_raw_events'::regclass`,
      ),
    ).toBe(0);
  });
});
