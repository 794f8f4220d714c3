import path from 'node:path';
import { type RunningChild, startChild } from '../testing/child-process';
import { expectBurstsKept, killStillRunning, killWritersMidBurst } from '../testing/killed-writers';
import { PostgresEventStore } from './postgres-event-store';
import { describeOnPostgres, dropSchema, uniqueSchema } from './testing/test-database';

describeOnPostgres('The PostgreSQL event store, written to by real processes', (url) => {
  let schema: string;
  let children: RunningChild[] = [];

  beforeEach(() => {
    schema = uniqueSchema();
  });

  afterEach(async () => {
    await killStillRunning(children);
    children = [];
    await dropSchema(url, schema);
  });

  describe('when a writer is killed in the middle of a burst', () => {
    it('keeps every acknowledged event exactly once and no partial batch', async () => {
      const streamId = 'incident-durability';
      const batchSize = 5;
      const script = path.join(__dirname, 'testing', 'append-burst.child.ts');
      const acknowledged = await killWritersMidBurst(
        () => {
          const writer = startChild(script, [url, schema, streamId, String(batchSize)]);
          children.push(writer);
          return writer;
        },
        { rounds: 3, perRound: 40 * batchSize, timeoutMs: 60_000 },
      );

      const store = await PostgresEventStore.open(url, { schema });
      try {
        expectBurstsKept(await store.readStream(streamId), acknowledged, { batchSize, kills: 3 });
        // The server was left with no half-done transaction of the killed writers.
        const { rows } = await store.pool.query(
          `SELECT pid FROM pg_stat_activity
           WHERE application_name = $1 AND state LIKE 'idle in transaction%'`,
          [`blue-ledger ${schema}`],
        );
        expect(rows).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
});
