import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuplicateEventIdError } from '../errors';
import { eventIds, proposedEvent, proposedEvents } from '../testing/proposed-event';
import { SubscriptionReader } from '../testing/subscription-reader';
import { SqliteEventStore } from './sqlite-event-store';
import { EVENT_SCHEMA_VERSION } from './sqlite-schema';

describe('SqliteEventStore', () => {
  let directory: string;
  let file: string;
  const toClose: { close(): unknown }[] = [];

  const open = (options = {}) => {
    const store = SqliteEventStore.open(file, options);
    toClose.push(store);
    return store;
  };

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    file = path.join(directory, 'events.sqlite');
  });

  afterEach(async () => {
    for (const closable of toClose.splice(0).reverse()) await closable.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  describe('when the file is new', () => {
    it('creates the schema and reports no head position', async () => {
      const store = open();

      expect(store.db.pragma('user_version', { simple: true })).toBe(EVENT_SCHEMA_VERSION);
      expect(await store.headPosition()).toBeNull();
      expect(await store.readAll()).toEqual([]);
    });

    it('is caught up at once, at no position', async () => {
      const reader = new SubscriptionReader(open().subscribeToAll());

      expect(await reader.next()).toEqual({ kind: 'caught_up', position: null });
      await reader.subscription.close();
    });
  });

  describe('its connection', () => {
    it('uses WAL and synchronous FULL, so an acknowledged append is on disk', () => {
      const store = open();

      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    });

    it('opens an existing file again without migrating twice and keeps its events', async () => {
      const first = open();
      await first.appendToStream('incident-1', proposedEvents(2));
      await first.close();

      const again = open();

      expect(again.db.pragma('user_version', { simple: true })).toBe(EVENT_SCHEMA_VERSION);
      expect(await again.readStream('incident-1')).toHaveLength(2);
    });

    it('shares a connection the caller opened and leaves it open on close', async () => {
      const db = new BetterSqlite3(file);
      toClose.push(db);
      const store = new SqliteEventStore(db);
      await store.appendToStream('incident-1', proposedEvents(1));

      await store.close();

      expect(db.open).toBe(true);
      expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    });

    it('refuses to update or delete an event', async () => {
      const store = open();
      await store.appendToStream('incident-1', proposedEvents(1));

      expect(() => store.db.exec("UPDATE events SET type = 'Tampered'")).toThrow(/append-only/);
      expect(() => store.db.exec('DELETE FROM events')).toThrow(/append-only/);
    });
  });

  describe('opened for reading only', () => {
    it('reads what a writer committed, refuses appends and leaves the schema alone', async () => {
      const writer = open();
      const batch = proposedEvents(2);
      await writer.appendToStream('incident-1', batch);

      const reader = open({ readOnly: true });

      expect(eventIds(await reader.readAll())).toEqual(eventIds(batch));
      await expect(reader.appendToStream('incident-2', proposedEvents(1))).rejects.toThrow(
        /reading only/,
      );
      await writer.appendToStream('incident-1', proposedEvents(1));
      expect(await reader.readStream('incident-1')).toHaveLength(3);
    });

    it('refuses a file whose schema is not the one this code reads', () => {
      new BetterSqlite3(file).close();

      expect(() => open({ readOnly: true })).toThrow(/schema .* is at version 0/);
    });
  });

  describe('appending', () => {
    it('rejects an event id that already stands in another stream', async () => {
      const store = open();
      const event = proposedEvent();
      await store.appendToStream('incident-1', [event]);

      await expect(store.appendToStream('incident-2', [event])).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await store.readStream('incident-2')).toEqual([]);
    });

    it('rejects a batch that holds one id twice', async () => {
      const store = open();
      const event = proposedEvent();

      await expect(store.appendToStream('incident-1', [event, event])).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await store.headPosition()).toBeNull();
    });

    it('rejects a retry whose ids come in another order than the original batch', async () => {
      const store = open();
      const batch = proposedEvents(2);
      await store.appendToStream('incident-1', batch);

      await expect(store.appendToStream('incident-1', [...batch].reverse())).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
    });

    it('rejects an empty batch', async () => {
      await expect(open().appendToStream('incident-1', [])).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('filtering', () => {
    it('treats glob characters in a stream prefix literally', async () => {
      const store = open();
      for (const streamId of ['odd*[?]-1', 'oddX[?]-1', 'odd*[x]-1', 'odd*[?]-2']) {
        await store.appendToStream(streamId, [proposedEvent()]);
      }

      const all = await store.readAll({ filter: { streamPrefixes: ['odd*[?]'] } });

      expect(all.map((e) => e.streamId)).toEqual(['odd*[?]-1', 'odd*[?]-2']);
    });

    it('requires both a prefix and a type when both are given', async () => {
      const store = open();
      const wanted = proposedEvent({ type: 'IncidentClosed' });
      await store.appendToStream('incident-1', [proposedEvent(), wanted]);
      await store.appendToStream('decision-1', [proposedEvent({ type: 'IncidentClosed' })]);

      const all = await store.readAll({
        filter: { streamPrefixes: ['incident-'], eventTypes: ['IncidentClosed'] },
      });

      expect(eventIds(all)).toEqual([wanted.eventId]);
    });

    it('matches nothing with an empty list', async () => {
      const store = open();
      await store.appendToStream('incident-1', proposedEvents(2));

      expect(await store.readAll({ filter: { eventTypes: [] } })).toEqual([]);
      expect(await store.readAll({ filter: { streamPrefixes: [] } })).toEqual([]);
    });

    it('refuses a negative or fractional maxCount', async () => {
      const store = open();

      await expect(store.readAll({ maxCount: -1 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.readStream('incident-1', { maxCount: 1.5 })).rejects.toBeInstanceOf(
        RangeError,
      );
    });
  });

  describe('a subscription', () => {
    it('sees appends made through another connection to the same file', async () => {
      const subscriber = open({ pollIntervalMs: 20 });
      const otherWriter = open();
      const reader = new SubscriptionReader(subscriber.subscribeToAll({ fromPosition: 'end' }));
      await reader.untilCaughtUp();

      const batch = proposedEvents(3);
      await otherWriter.appendToStream('incident-1', batch);

      expect(eventIds(await reader.nextEvents(3))).toEqual(eventIds(batch));
      await reader.subscription.close();
    });

    it('catches up in pages without skipping or repeating an event', async () => {
      const store = open({ catchUpPageSize: 3 });
      const events = proposedEvents(10);
      await store.appendToStream('incident-1', events);
      const reader = new SubscriptionReader(store.subscribeToAll());

      const { history, position } = await reader.untilCaughtUp();

      expect(eventIds(history)).toEqual(eventIds(events));
      expect(position).toBe(history[9].globalPosition);
      await reader.subscription.close();
    });

    it('is closed, and its iteration ended, when the store closes', async () => {
      const store = open();
      const reader = new SubscriptionReader(store.subscribeToAll());
      await reader.untilCaughtUp();
      const ending = reader.ended();

      await store.close();

      await expect(ending).resolves.toBeUndefined();
    });

    it('waits on one poll timer while live and leaves none behind once closed', async () => {
      const store = open({ pollIntervalMs: 10 });
      const timersBefore = activeTimeouts();
      const subscription = store.subscribeToAll();
      const messages = subscription[Symbol.asyncIterator]();
      expect((await messages.next()).value).toEqual({ kind: 'caught_up', position: null });
      const pending = messages.next();

      const timersWhileLive = activeTimeouts();
      await subscription.close();

      expect(await pending).toEqual({ done: true, value: undefined });
      expect(timersWhileLive).toBe(timersBefore + 1);
      expect(activeTimeouts()).toBe(timersBefore);
    });
  });
});

const activeTimeouts = (): number =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
