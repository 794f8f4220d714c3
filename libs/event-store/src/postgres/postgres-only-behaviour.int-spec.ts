import { DuplicateEventIdError } from '../errors';
import { eventIds, proposedEvent, proposedEvents } from '../testing/proposed-event';
import { SubscriptionReader } from '../testing/subscription-reader';
import { EVENT_MIGRATIONS } from './event-schema';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { quotedSchema } from './sql-names';
import {
  describeOnPostgres,
  dropSchema,
  onConnection,
  uniqueSchema,
} from './testing/test-database';

describeOnPostgres('PostgresEventStore', (url) => {
  let schema: string;
  let stores: PostgresEventStore[] = [];

  const open = async (options: PostgresEventStoreOptions = {}) => {
    const store = await PostgresEventStore.open(url, { schema, ...options });
    stores.push(store);
    return store;
  };

  const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    onConnection(url, async (client) => (await client.query<T>(text, values)).rows);

  beforeEach(() => {
    schema = uniqueSchema();
  });

  afterEach(async () => {
    for (const store of stores.splice(0).reverse()) await store.close();
    stores = [];
    await dropSchema(url, schema);
  });

  describe('when the schema is new', () => {
    it('creates it, records its migrations, and reports no head position', async () => {
      const store = await open();

      const recorded = await sql(
        `SELECT component, version, name FROM ${quotedSchema(schema)}.schema_migrations`,
      );
      expect(recorded).toEqual(
        EVENT_MIGRATIONS.map((m) => ({ component: 'events', version: m.version, name: m.name })),
      );
      expect(await store.headPosition()).toBeNull();
      expect(await store.readAll()).toEqual([]);
    });

    it('is caught up at once, at no position', async () => {
      const reader = new SubscriptionReader((await open()).subscribeToAll());

      expect(await reader.next()).toEqual({ kind: 'caught_up', position: null });
      await reader.subscription.close();
    });
  });

  describe('when the schema exists', () => {
    it('keeps its events and migrates nothing again', async () => {
      const first = await open();
      await first.appendToStream('incident-1', proposedEvents(2));
      await first.close();

      const again = await open();

      expect(await again.readStream('incident-1')).toHaveLength(2);
      const [{ count }] = await sql<{ count: string }>(
        `SELECT count(*) FROM ${quotedSchema(schema)}.schema_migrations`,
      );
      expect(Number(count)).toBe(EVENT_MIGRATIONS.length);
    });
  });

  it('refuses a schema name that would need quoting', async () => {
    await expect(PostgresEventStore.open(url, { schema: 'Ledger; DROP' })).rejects.toBeInstanceOf(
      RangeError,
    );
  });

  describe('its connections', () => {
    it('commit with synchronous_commit on, so an acknowledged append is on disk', async () => {
      const store = await open();

      const { rows } = await store.pool.query<{ setting: string }>(
        `SELECT current_setting('synchronous_commit') AS setting`,
      );

      expect(rows[0].setting).toBe('on');
      const [{ fsync }] = await sql<{ fsync: string }>(`SELECT current_setting('fsync') AS fsync`);
      expect(fsync).toBe('on');
    });

    it('are all closed when the store closes', async () => {
      const store = await open();
      const reader = new SubscriptionReader(store.subscribeToAll());
      await reader.untilCaughtUp();
      await store.appendToStream('incident-1', proposedEvents(1));
      const ending = reader.ended();

      await store.close();

      await expect(ending).resolves.toBeUndefined();
      expect(store.pool.totalCount).toBe(0);
      const left = await sql(
        `SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1 AND pid <> pg_backend_pid()`,
        [`%${schema}`],
      );
      expect(left).toEqual([]);
    });
  });

  describe('its events table', () => {
    it('refuses to update, delete or truncate an event', async () => {
      const store = await open();
      await store.appendToStream('incident-1', proposedEvents(1));
      const events = `${quotedSchema(schema)}.events`;

      await expect(sql(`UPDATE ${events} SET type = 'Tampered'`)).rejects.toThrow(/append-only/);
      await expect(sql(`DELETE FROM ${events}`)).rejects.toThrow(/append-only/);
      await expect(sql(`TRUNCATE ${events}`)).rejects.toThrow(/append-only/);
      expect(await store.readAll()).toHaveLength(1);
    });
  });

  describe('appending', () => {
    it('rejects an event id that already stands in another stream', async () => {
      const store = await open();
      const event = proposedEvent();
      await store.appendToStream('incident-1', [event]);

      await expect(store.appendToStream('incident-2', [event])).rejects.toThrow(
        new DuplicateEventIdError(
          event.eventId,
          'already appended to incident-1 at revision 0; a retried batch must repeat the original batch exactly',
        ),
      );
      expect(await store.readStream('incident-2')).toEqual([]);
    });

    it('rejects a batch that holds one id twice', async () => {
      const store = await open();
      const event = proposedEvent();

      await expect(store.appendToStream('incident-1', [event, event])).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await store.headPosition()).toBeNull();
    });

    it('rejects a retry whose ids come in another order than the original batch', async () => {
      const store = await open();
      const batch = proposedEvents(2);
      await store.appendToStream('incident-1', batch);

      await expect(store.appendToStream('incident-1', [...batch].reverse())).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
    });

    it('rejects an empty batch', async () => {
      await expect((await open()).appendToStream('incident-1', [])).rejects.toBeInstanceOf(
        RangeError,
      );
    });

    it('keeps data that jsonb would change or refuse, byte for byte', async () => {
      const store = await open();
      const data = {
        z: 1,
        a: [1.0, 1e-7, 10000000000000000000000],
        nul: 'a\u0000b',
        lone: '\ud800',
      };
      const event = proposedEvent({ data });
      await store.appendToStream('incident-1', [event]);

      const [stored] = await sql<{ data: string }>(
        `SELECT data FROM ${quotedSchema(schema)}.events`,
      );
      expect(stored.data).toBe(JSON.stringify(data));
      expect((await store.readStream('incident-1'))[0].data).toEqual(data);
    });
  });

  describe('filtering', () => {
    it('treats LIKE characters in a stream prefix literally', async () => {
      const store = await open();
      const ids = ['odd%_\\-1', 'oddX_\\-1', 'odd%X\\-1', 'odd%_X-1', 'odd%_\\-2'];
      for (const streamId of ids) await store.appendToStream(streamId, [proposedEvent()]);

      const all = await store.readAll({ filter: { streamPrefixes: ['odd%_\\'] } });

      expect(all.map((e) => e.streamId)).toEqual(['odd%_\\-1', 'odd%_\\-2']);
    });

    it('requires both a prefix and a type when both are given', async () => {
      const store = await open();
      const wanted = proposedEvent({ type: 'IncidentClosed' });
      await store.appendToStream('incident-1', [proposedEvent(), wanted]);
      await store.appendToStream('decision-1', [proposedEvent({ type: 'IncidentClosed' })]);

      const all = await store.readAll({
        filter: { streamPrefixes: ['incident-'], eventTypes: ['IncidentClosed'] },
      });

      expect(eventIds(all)).toEqual([wanted.eventId]);
    });

    it('matches nothing with an empty list', async () => {
      const store = await open();
      await store.appendToStream('incident-1', proposedEvents(2));

      expect(await store.readAll({ filter: { eventTypes: [] } })).toEqual([]);
      expect(await store.readAll({ filter: { streamPrefixes: [] } })).toEqual([]);
    });

    it('refuses a negative or fractional maxCount', async () => {
      const store = await open();

      await expect(store.readAll({ maxCount: -1 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.readStream('incident-1', { maxCount: 1.5 })).rejects.toBeInstanceOf(
        RangeError,
      );
    });
  });

  describe('a subscription', () => {
    it('catches up in pages without skipping or repeating an event', async () => {
      const store = await open({ catchUpPageSize: 3 });
      const events = proposedEvents(10);
      await store.appendToStream('incident-1', events);
      const reader = new SubscriptionReader(store.subscribeToAll());

      const { history, position } = await reader.untilCaughtUp();

      expect(eventIds(history)).toEqual(eventIds(events));
      expect(position).toBe(history[9].globalPosition);
      await reader.subscription.close();
    });

    it('moves past a long run of events its filter skips, in pages', async () => {
      const store = await open({ catchUpPageSize: 2 });
      await store.appendToStream('decision-1', proposedEvents(7));
      const wanted = proposedEvent();
      await store.appendToStream('incident-1', [wanted]);
      const reader = new SubscriptionReader(
        store.subscribeToAll({ filter: { streamPrefixes: ['incident-'] } }),
      );

      const { history, position } = await reader.untilCaughtUp();

      expect(eventIds(history)).toEqual([wanted.eventId]);
      expect(position).toBe(8n);
      await reader.subscription.close();
    });
  });
});
