import path from 'node:path';
import { EventStoreUnavailableError } from '../errors';
import type { RecordedEvent } from '../event-store.port';
import { type RunningChild, startChild } from '../testing/child-process';
import { eventIds, proposedEvent, proposedEvents } from '../testing/proposed-event';
import { PostgresEventStore } from './postgres-event-store';
import type { CatchUpSubscription } from '../catch-up-subscription';
import { CollectingSubscriber, eventually } from './testing/collecting-subscriber';
import { DATABASE_URL, onConnection, uniqueSchema } from './testing/test-database';
import { canRunACluster, ThrowawayCluster } from './testing/throwaway-cluster';

const acknowledgedIds = (lines: string[]): string[] =>
  lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice('ack '.length));

function expectWholeBatchesInContiguousRevisions(events: RecordedEvent[], batchSize: number) {
  expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => BigInt(i)));
  const sizes = new Map<string, number>();
  for (const { data } of events) {
    const batch = `${String(data.writer)}/${String(data.batch)}`;
    sizes.set(batch, (sizes.get(batch) ?? 0) + 1);
  }
  expect([...new Set(sizes.values())]).toEqual([batchSize]);
}

// Stopping the server under DATABASE_URL, or making databases on it, would disturb the other
// test files running meanwhile: this file starts a cluster of its own with the same script,
// and needs PostgreSQL installed.
// On CI (.ci/run) PostgreSQL is always installed and started: nothing may be skipped there.
const runnable = (DATABASE_URL !== undefined || Boolean(process.env.CI)) && canRunACluster();
if (!runnable) {
  console.warn(
    'The PostgreSQL tests on a cluster of their own (restarts, encodings) were NOT run: they need DATABASE_URL set and initdb/pg_ctl installed (apt-get install postgresql).',
  );
}

(runnable ? describe : describe.skip)(
  `On a PostgreSQL cluster of its own${runnable ? '' : ' (skipped: needs DATABASE_URL and initdb/pg_ctl on this machine)'}`,
  () => {
    let cluster: ThrowawayCluster;
    let schema: string;
    let store: PostgresEventStore | undefined;
    let children: RunningChild[] = [];

    beforeAll(async () => {
      cluster = await ThrowawayCluster.start();
    }, 60_000);

    afterAll(async () => {
      await cluster?.stop();
    }, 60_000);

    beforeEach(() => {
      schema = uniqueSchema();
    });

    afterEach(async () => {
      children.forEach((child) => child.process.kill('SIGKILL'));
      await Promise.all(children.map((child) => child.exited));
      children = [];
      await cluster.resume().catch(() => undefined);
      await store?.close();
      store = undefined;
    });

    describe('the store, when the server crashes and comes back', () => {
      it('fails appends cleanly while it is down, takes them again after, and the subscription resumes without gaps or repeats', async () => {
        store = await PostgresEventStore.open(cluster.url, { schema, pollIntervalMs: 200 });
        const opened = store;
        const subscriber = new CollectingSubscriber(opened.subscribeToAll());
        const before = proposedEvents(3);
        await opened.appendToStream('incident-1', before);
        await subscriber.until((events) => events.length === 3, 10_000);
        await eventually(() => opened.listener?.listening === true, 10_000, 'LISTEN');

        await cluster.crash();
        const whileDown = proposedEvents(2);
        await expect(opened.appendToStream('incident-1', whileDown)).rejects.toBeInstanceOf(
          EventStoreUnavailableError,
        );
        await expect(opened.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
        await cluster.resume();

        // The caller retries its failed append with the same ids: appended once.
        await opened.appendToStream('incident-1', whileDown, { expectedRevision: 2n });
        await opened.appendToStream('incident-1', whileDown, { expectedRevision: 2n });
        const after = proposedEvents(2);
        await opened.appendToStream('incident-2', after);
        const sentinel = proposedEvent();
        await opened.appendToStream('incident-2', [sentinel]);

        const all = [...before, ...whileDown, ...after, sentinel];
        await subscriber.until((events) => eventIds(events).includes(sentinel.eventId), 20_000);
        expect(eventIds(subscriber.events)).toEqual(eventIds(all));
        expect(eventIds(await opened.readAll())).toEqual(eventIds(all));
        expect(subscriber.caughtUp).toBe(1);
        // It did meet the outage: it polls every 200 ms, and the server was down for longer.
        expect((subscriber.subscription as CatchUpSubscription).lastError).toBeDefined();
        await eventually(
          () => (opened.listener?.connections ?? 0) >= 2 && opened.listener?.listening === true,
          10_000,
          'LISTEN again',
        );
        await subscriber.subscription.close();
      });

      it('keeps every acknowledged append of a writer bursting through the crash, exactly once', async () => {
        const batchSize = 5;
        const streamId = 'incident-burst';
        const script = path.join(__dirname, 'testing', 'append-burst.child.ts');
        const writer = startChild(script, [cluster.url, schema, streamId, String(batchSize)]);
        children.push(writer);
        await writer.waitForLines((lines) => acknowledgedIds(lines).length >= 100, 60_000);

        await cluster.crash();
        await writer.waitForLines((lines) => lines.includes('unavailable'), 30_000);
        const ackedBeforeResume = acknowledgedIds(writer.lines).length;
        await cluster.resume();
        await writer.waitForLines(
          (lines) => acknowledgedIds(lines).length >= ackedBeforeResume + 100,
          60_000,
        );
        writer.process.kill('SIGKILL');
        await writer.exited;

        const acknowledged = acknowledgedIds(writer.lines);
        store = await PostgresEventStore.open(cluster.url, { schema });
        const events = await store.readStream(streamId);
        const stored = eventIds(events);
        expect(new Set(stored).size).toBe(stored.length);
        const isAcknowledged = new Set(acknowledged);
        expect(stored.filter((id) => isAcknowledged.has(id))).toEqual(acknowledged);
        // Only the batch in flight at the kill may stand unacknowledged.
        expect(stored.length - acknowledged.length).toBeLessThanOrEqual(batchSize);
        expectWholeBatchesInContiguousRevisions(events, batchSize);
      });
    });

    describe('the store, on a database that is not UTF-8', () => {
      it('refuses to open', async () => {
        await onConnection(cluster.url, (client) =>
          client.query(
            `CREATE DATABASE latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`,
          ),
        );
        const latin1 = cluster.url.replace(/\/[^/]+$/, '/latin1');

        await expect(PostgresEventStore.open(latin1, { schema })).rejects.toThrow(
          /needs a UTF-8 database; this one is LATIN1/,
        );
      });
    });
  },
);
