import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, ExpectedRevision, ProposedEvent } from '../event-store.port';
import { eventIds, proposedEvent, proposedEvents } from '../testing/proposed-event';
import { EventStoreClosedError, SqliteEventStore } from './sqlite-event-store';

type Settled = PromiseSettledResult<AppendResult>;

const positionsOf = (outcomes: Settled[]) =>
  outcomes.map((o) => (o.status === 'fulfilled' ? o.value.position : null));

describe('SqliteEventStore group commit', () => {
  let directory: string;
  let file: string;
  const toClose: { close(): unknown }[] = [];

  const open = (options = {}) => {
    const store = SqliteEventStore.open(file, options);
    toClose.push(store);
    return store;
  };

  /** Appends all at once, in this order, without waiting in between: one turn of the loop. */
  const appendAtOnce = (
    store: SqliteEventStore,
    appends: Array<[streamId: string, events: ProposedEvent[], expected?: ExpectedRevision]>,
  ): Promise<Settled[]> =>
    Promise.allSettled(
      appends.map(([streamId, events, expectedRevision]) =>
        store.appendToStream(streamId, events, { expectedRevision }),
      ),
    );

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    file = path.join(directory, 'events.sqlite');
  });

  afterEach(async () => {
    for (const closable of toClose.splice(0).reverse()) await closable.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  describe('appends made in the same turn of the event loop', () => {
    it('commit in one transaction, at consecutive positions in the order they were made', async () => {
      const store = open();
      const batches = Array.from({ length: 32 }, (_, i) => proposedEvents(1 + (i % 3)));

      const outcomes = await appendAtOnce(
        store,
        batches.map((events, i) => [`incident-${i}`, events, 'no_stream']),
      );

      expect(store.groupCommitStats()).toEqual({ groups: 1, appends: 32 });
      expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
      const all = await store.readAll();
      expect(eventIds(all)).toEqual(batches.flat().map((e) => e.eventId));
      expect(all.map((e) => e.globalPosition)).toEqual(all.map((_, i) => BigInt(i + 1)));
      let last = 0n;
      batches.forEach((events, i) => {
        last += BigInt(events.length);
        expect(positionsOf(outcomes)[i]).toBe(last);
      });
    });

    it('are each checked against their own expected revision: a conflict fails alone', async () => {
      const store = open();
      await store.appendToStream('incident-shared', proposedEvents(1));
      const stale = proposedEvents(1);

      const outcomes = await appendAtOnce(store, [
        ['incident-a', proposedEvents(1), 'no_stream'],
        ['incident-shared', proposedEvents(1), 0n],
        ['incident-shared', stale, 0n],
        ['incident-b', proposedEvents(2), 'no_stream'],
      ]);

      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const refused = (outcomes[2] as PromiseRejectedResult).reason;
      expect(refused).toBeInstanceOf(WrongExpectedRevisionError);
      expect(refused).toMatchObject({ streamId: 'incident-shared', expected: 0n, actual: 1n });
      expect(positionsOf(outcomes)).toEqual([2n, 3n, null, 5n]);
      expect(eventIds(await store.readAll())).not.toContain(stale[0].eventId);
      expect(await store.readStream('incident-shared')).toHaveLength(2);
    });

    it('refuse a batch that reuses stored ids alone, leaving no trace of it', async () => {
      const store = open();
      const stored = proposedEvents(2);
      await store.appendToStream('incident-1', stored);
      const fresh = proposedEvent();

      const outcomes = await appendAtOnce(store, [
        ['incident-2', proposedEvents(1)],
        ['incident-1', [stored[1], fresh], 1n],
        ['incident-3', proposedEvents(1)],
      ]);

      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
      expect(positionsOf(outcomes)).toEqual([3n, null, 4n]);
      expect(eventIds(await store.readAll())).not.toContain(fresh.eventId);
    });

    it('append a retried batch once and answer both with the original result', async () => {
      const store = open();
      const batch = proposedEvents(2);

      const [first, retry] = await appendAtOnce(store, [
        ['incident-1', batch, 'no_stream'],
        ['incident-1', batch, 'no_stream'],
      ]);

      expect(first).toEqual({
        status: 'fulfilled',
        value: { nextExpectedRevision: 1n, position: 2n },
      });
      expect(retry).toEqual(first);
      expect(eventIds(await store.readAll())).toEqual(eventIds(batch));
    });

    it('see each other in the order they were made: the second to a new stream conflicts', async () => {
      const store = open();

      const outcomes = await appendAtOnce(store, [
        ['incident-1', proposedEvents(1), 'no_stream'],
        ['incident-1', proposedEvents(1), 'no_stream'],
        ['incident-1', proposedEvents(1), 0n],
      ]);

      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.readStream('incident-1')).map((e) => e.streamRevision)).toEqual([0n, 1n]);
    });
  });

  describe('groups', () => {
    it('hold at most maxGroupSize appends and commit in the order the appends were made', async () => {
      const store = open({ maxGroupSize: 3 });
      const batches = Array.from({ length: 8 }, () => proposedEvents(1));

      await appendAtOnce(
        store,
        batches.map((events, i) => [`incident-${i}`, events]),
      );

      expect(store.groupCommitStats()).toEqual({ groups: 3, appends: 8 });
      expect(eventIds(await store.readAll())).toEqual(batches.flat().map((e) => e.eventId));
    });

    it('resolve an append only once its group is committed, readable by the caller', async () => {
      const store = open();
      const reader = new BetterSqlite3(file, { readonly: true });
      toClose.push(reader);
      const count = () => reader.prepare('SELECT COUNT(*) FROM events').pluck().get();
      const batch = proposedEvents(1);

      const appending = store.appendToStream('incident-1', batch);
      expect(count()).toBe(0);
      const result = await appending;

      expect(count()).toBe(1);
      expect(eventIds(await store.readStream('incident-1'))).toEqual(eventIds(batch));
      expect(result.position).toBe(1n);
    });

    it('fail as a whole, committing nothing, when the transaction cannot start, and the next one commits', async () => {
      const store = open({ busyTimeoutMs: 20 });
      const other = new BetterSqlite3(file);
      toClose.push(other);
      other.exec('BEGIN IMMEDIATE');

      const outcomes = await appendAtOnce(store, [
        ['incident-1', proposedEvents(1)],
        ['incident-2', proposedEvents(1)],
      ]);
      other.exec('COMMIT');

      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(await store.headPosition()).toBeNull();
      const later = await store.appendToStream('incident-1', proposedEvents(1));
      expect(later).toEqual({ nextExpectedRevision: 0n, position: 1n });
    });
  });

  describe('a transaction the caller opened on the shared connection', () => {
    it('is joined by an append made inside it, committed when the caller commits', async () => {
      const db = new BetterSqlite3(file);
      toClose.push(db);
      const store = new SqliteEventStore(db);
      toClose.push(store);
      const inside = proposedEvents(2);

      db.exec('BEGIN');
      const result = await store.appendToStream('incident-1', inside);
      db.exec('ROLLBACK');
      const again = await store.appendToStream('incident-1', inside);

      expect(result).toEqual({ nextExpectedRevision: 1n, position: 2n });
      expect(again).toEqual(result);
      expect(store.groupCommitStats()).toEqual({ groups: 1, appends: 1 });
    });

    it('holds back the queued groups until it ends', async () => {
      const db = new BetterSqlite3(file);
      toClose.push(db);
      const store = new SqliteEventStore(db);
      toClose.push(store);
      let committed = false;

      const queued = store.appendToStream('incident-1', proposedEvents(1)).then((result) => {
        committed = true;
        return result;
      });
      db.exec('BEGIN');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(committed).toBe(false);
      db.exec('COMMIT');

      await expect(queued).resolves.toEqual({ nextExpectedRevision: 0n, position: 1n });
    });
  });

  describe('closing', () => {
    it('commits what is queued first and refuses appends made after', async () => {
      const store = SqliteEventStore.open(file);
      const batch = proposedEvents(1);

      const queued = store.appendToStream('incident-1', batch);
      await store.close();

      await expect(queued).resolves.toEqual({ nextExpectedRevision: 0n, position: 1n });
      await expect(store.appendToStream('incident-2', proposedEvents(1))).rejects.toBeInstanceOf(
        EventStoreClosedError,
      );
      const reopened = open();
      expect(eventIds(await reopened.readAll())).toEqual(eventIds(batch));
    });
  });
});
