import path from 'node:path';
import { Client } from 'pg';
import type { RecordedEvent } from '../event-store.port';
import { type RunningChild, startChild } from '../testing/child-process';
import { eventIds, proposedEvent } from '../testing/proposed-event';
import { SubscriptionReader } from '../testing/subscription-reader';
import { batchColumns } from './event-row';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { quotedSchema } from './sql-names';
import { CollectingSubscriber, eventually } from './testing/collecting-subscriber';
import { describeOnPostgres, dropSchema, uniqueSchema } from './testing/test-database';

const ackLines = (lines: string[]) =>
  lines
    .filter((line) => line.startsWith('ack '))
    .map((line) => {
      const [, eventId, position] = line.split(' ');
      return { eventId, position: BigInt(position) };
    });

function expectStrictlyIncreasing(events: RecordedEvent[]): void {
  events.slice(1).forEach((event, i) => {
    expect(event.globalPosition).toBeGreaterThan(events[i].globalPosition);
  });
}

describeOnPostgres('The PostgreSQL global order', (url) => {
  let schema: string;
  let store: PostgresEventStore;
  let toClose: { close(): Promise<unknown> }[] = [];
  let clients: Client[] = [];
  let children: RunningChild[] = [];

  const open = async (options: PostgresEventStoreOptions = {}) => {
    const opened = await PostgresEventStore.open(url, { schema, ...options });
    toClose.push(opened);
    return opened;
  };

  const connect = async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };

  /**
   * An event written in a transaction of `client` left open: through the store's own
   * function, or by a bare INSERT (the trigger draws its position under the same lock).
   */
  const beginAppend = async (
    client: Client,
    streamId: string,
    how: 'append_to_stream' | 'INSERT' = 'append_to_stream',
  ) => {
    const event = proposedEvent();
    const s = quotedSchema(schema);
    await client.query('BEGIN');
    const { rows } = await client.query<{ global_position: string }>(
      how === 'append_to_stream'
        ? `SELECT global_position FROM ${s}.append_to_stream(
             $1, 'any', NULL, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`
        : `INSERT INTO ${s}.events (stream_id, stream_revision, event_id, type, schema_version,
             recorded_at, occurred_at, actor_id, actor_role, correlation_id, causation_id, data,
             prev_hash, hash)
           SELECT $1, 0, e.* FROM unnest($2::text[], $3::text[], $4::int[], $5::text[],
             $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
             $12::text[], $13::text[]) AS e
           RETURNING global_position`,
      [streamId, ...batchColumns([event])],
    );
    return { event, position: BigInt(rows[0].global_position) };
  };

  /** Resolves once a backend of this database waits for an advisory lock. */
  const someoneWaitsForTheWriteLock = (observer: Client) =>
    eventually(
      async () => {
        const { rows } = await observer.query(
          `SELECT 1 FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'
             AND wait_event = 'advisory' AND query LIKE '%append_to_stream%'
             AND query LIKE $1`,
          [`%${schema}%`],
        );
        return rows.length > 0;
      },
      10_000,
      'an append waiting for the write lock',
    );

  beforeEach(async () => {
    schema = uniqueSchema();
    store = await open();
  });

  afterEach(async () => {
    const running = children.filter((c) => c.process.exitCode === null && !c.process.killed);
    children = [];
    running.forEach((child) => child.process.kill('SIGKILL'));
    await Promise.all(running.map((child) => child.exited));
    for (const client of clients.splice(0)) await client.end().catch(() => undefined);
    for (const closable of toClose.splice(0).reverse()) await closable.close();
    toClose = [];
    clients = [];
    await dropSchema(url, schema);
  });

  describe('when a writer has drawn a position but not committed', () => {
    it.each(['append_to_stream', 'INSERT'] as const)(
      'makes the next append wait for it, so that a reader sees neither, then both in order (written by %s)',
      async (how) => {
        const holder = await connect();
        const observer = await connect();
        const first = await beginAppend(holder, 'incident-slow', how);
        const subscriber = new SubscriptionReader(store.subscribeToAll());
        expect((await subscriber.untilCaughtUp()).history).toEqual([]);

        const second = proposedEvent();
        let secondDone = false;
        const appending = store.appendToStream('incident-fast', [second]).then((result) => {
          secondDone = true;
          return result;
        });
        await someoneWaitsForTheWriteLock(observer);

        expect(secondDone).toBe(false);
        expect(await store.readAll()).toEqual([]);
        expect(await store.headPosition()).toBeNull();

        await holder.query('COMMIT');
        const { position } = await appending;

        expect(position).toBeGreaterThan(first.position);
        const delivered = await subscriber.nextEvents(2);
        expect(eventIds(delivered)).toEqual([first.event.eventId, second.eventId]);
        expect(delivered.map((e) => e.globalPosition)).toEqual([first.position, position]);
        await subscriber.subscription.close();
      },
    );

    it('leaves a gap that nothing fills when it rolls back', async () => {
      const holder = await connect();
      const observer = await connect();
      const subscriber = new SubscriptionReader(store.subscribeToAll());
      await subscriber.untilCaughtUp();
      const abandoned = await beginAppend(holder, 'incident-abandoned');

      const kept = proposedEvent();
      const appending = store.appendToStream('incident-kept', [kept]);
      await someoneWaitsForTheWriteLock(observer);
      await holder.query('ROLLBACK');
      const { position } = await appending;
      const later = proposedEvent();
      await store.appendToStream('incident-later', [later]);

      expect(position).toBeGreaterThan(abandoned.position);
      expect(eventIds(await subscriber.nextEvents(2))).toEqual([kept.eventId, later.eventId]);
      const all = await store.readAll();
      expect(eventIds(all)).toEqual([kept.eventId, later.eventId]);
      expect(all.map((e) => e.globalPosition)).not.toContain(abandoned.position);
      await subscriber.subscription.close();
    });
  });

  describe('without the write lock (a bare sequence, for comparison)', () => {
    it('lets a lower position commit after a higher one, which a cursor on positions skips', async () => {
      const slow = await connect();
      const fast = await connect();
      const s = quotedSchema(schema);
      await fast.query(
        `CREATE TABLE ${s}.bare (position bigserial PRIMARY KEY, label text NOT NULL)`,
      );
      const read = async (after: bigint) =>
        (
          await fast.query<{ position: string; label: string }>(
            `SELECT position, label FROM ${s}.bare WHERE position > $1 ORDER BY position`,
            [after],
          )
        ).rows;

      await slow.query('BEGIN');
      await slow.query(`INSERT INTO ${s}.bare (label) VALUES ('slow')`);
      await fast.query(`INSERT INTO ${s}.bare (label) VALUES ('fast')`);
      const firstRead = await read(0n);
      const cursor = BigInt(firstRead[firstRead.length - 1].position);
      await slow.query('COMMIT');

      expect(firstRead.map((row) => row.label)).toEqual(['fast']);
      expect(await read(cursor)).toEqual([]);
      expect((await read(0n)).map((row) => row.label)).toEqual(['slow', 'fast']);
    });
  });

  describe('when many processes append at once while subscribers follow', () => {
    it('delivers every acknowledged event exactly once, in position order, to every subscriber', async () => {
      // Four write through the store; three are slow, holding their transaction open for up
      // to 5 ms after drawing their positions.
      const holdMs = [0, 0, 0, 0, 5, 5, 5];
      const writers = holdMs.length;
      const appendsEach = 60;
      const shared = ['contingent-shared-1', 'contingent-shared-2', 'contingent-shared-3'];
      const script = path.join(__dirname, 'testing', 'concurrent-appender.child.ts');
      for (const hold of holdMs) {
        children.push(
          startChild(script, [url, schema, String(appendsEach), String(hold), ...shared]),
        );
      }
      await Promise.all(
        children.map((c) => c.waitForLines((lines) => lines.includes('ready'), 60_000)),
      );
      const paged = new CollectingSubscriber((await open({ catchUpPageSize: 7 })).subscribeToAll());
      const polling = new CollectingSubscriber(
        (await open({ listen: false, pollIntervalMs: 20 })).subscribeToAll(),
      );

      children.forEach((child) => child.process.stdin?.end('go\n'));
      await children[0].waitForLines((lines) => ackLines(lines).length >= 20, 60_000);
      const midway = (await store.headPosition()) ?? 0n;
      const joining = new CollectingSubscriber(store.subscribeToAll({ fromPosition: midway }));
      const exits = await Promise.all(children.map((child) => child.exited));

      exits.forEach((exit) => expect(exit).toMatchObject({ code: 0, stderr: '' }));
      const acked = children.flatMap((child) => ackLines(child.lines));
      const conflicts = children.flatMap((c) => c.lines).filter((l) => l === 'conflict').length;
      const all = await store.readAll();
      expect(all).toHaveLength(acked.length);
      expect(new Set(eventIds(all))).toEqual(new Set(acked.map((a) => a.eventId)));
      expectStrictlyIncreasing(all);

      // Once the sentinel (the newest event) is delivered, anything skipped stays skipped.
      const sentinel = proposedEvent();
      await store.appendToStream('sentinel', [sentinel]);
      for (const subscriber of [paged, polling, joining]) {
        await subscriber.until((events) => eventIds(events).includes(sentinel.eventId), 30_000);
        const after = subscriber === joining ? midway : 0n;
        const delivered = subscriber.events;
        expect(eventIds(delivered)).toEqual([
          ...eventIds(all.filter((e) => e.globalPosition > after)),
          sentinel.eventId,
        ]);
        expectStrictlyIncreasing(delivered);
        expect(subscriber.caughtUp).toBe(1);
      }
      // Each writer was told the positions its events have: a batch's are consecutive.
      const positionOf = new Map(all.map((e) => [e.eventId, e.globalPosition]));
      acked.forEach((a) => expect(positionOf.get(a.eventId)).toBe(a.position));
      // The writers did contend: for the shared streams and for the write lock.
      expect(conflicts).toBeGreaterThan(0);
      const writerOf = all.map((e) => e.data.writer);
      const switches = writerOf.filter((w, i) => i > 0 && w !== writerOf[i - 1]).length;
      expect(switches).toBeGreaterThan(writers * 10);
    });
  });
});
