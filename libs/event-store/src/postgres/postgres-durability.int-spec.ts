import path from 'node:path';
import type { RecordedEvent } from '../event-store.port';
import { type RunningChild, startChild } from '../testing/child-process';
import { PostgresEventStore } from './postgres-event-store';
import { describeOnPostgres, dropSchema, uniqueSchema } from './testing/test-database';

const acknowledgedIds = (lines: string[]): string[] =>
  lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice('ack '.length));

function expectContiguousRevisions(events: RecordedEvent[]): void {
  expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => BigInt(i)));
}

describeOnPostgres('The PostgreSQL event store, written to by real processes', (url) => {
  let schema: string;
  let children: RunningChild[] = [];

  beforeEach(() => {
    schema = uniqueSchema();
  });

  afterEach(async () => {
    const stillRunning = children.filter((c) => c.process.exitCode === null && !c.process.killed);
    children = [];
    stillRunning.forEach((child) => child.process.kill('SIGKILL'));
    await Promise.all(stillRunning.map((child) => child.exited));
    await dropSchema(url, schema);
  });

  describe('when a writer is killed in the middle of a burst', () => {
    it('keeps every acknowledged event exactly once and no partial batch', async () => {
      const streamId = 'incident-durability';
      const batchSize = 5;
      const acknowledged: string[] = [];
      const script = path.join(__dirname, 'testing', 'append-burst.child.ts');

      for (let round = 0; round < 3; round++) {
        const writer = startChild(script, [url, schema, streamId, String(batchSize)]);
        children.push(writer);
        const target = acknowledged.length + 40 * batchSize;
        await writer.waitForLines(
          (lines) => acknowledged.length + acknowledgedIds(lines).length >= target,
          60_000,
        );
        writer.process.kill('SIGKILL');
        const { signal } = await writer.exited;
        expect(signal).toBe('SIGKILL');
        acknowledged.push(...acknowledgedIds(writer.lines));
      }

      const store = await PostgresEventStore.open(url, { schema });
      try {
        const events = await store.readStream(streamId);
        const stored = events.map((e) => e.eventId);
        expect(new Set(stored).size).toBe(stored.length);
        const isAcknowledged = new Set(acknowledged);
        expect(stored.filter((id) => isAcknowledged.has(id))).toEqual(acknowledged);
        // A batch may commit and the writer die before saying so: at most one per kill.
        expect(stored.length - acknowledged.length).toBeLessThanOrEqual(batchSize * 3);
        expectContiguousRevisions(events);
        const batchSizes = new Map<string, number>();
        for (const { data } of events) {
          const batch = `${String(data.writer)}/${String(data.batch)}`;
          batchSizes.set(batch, (batchSizes.get(batch) ?? 0) + 1);
        }
        expect([...new Set(batchSizes.values())]).toEqual([batchSize]);
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
