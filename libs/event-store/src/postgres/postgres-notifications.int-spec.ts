import type { RecordedEvent } from '../event-store.port';
import { eventIds, proposedEvents } from '../testing/proposed-event';
import { SubscriptionReader } from '../testing/subscription-reader';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { eventually } from './testing/collecting-subscriber';
import {
  describeOnPostgres,
  dropSchema,
  onConnection,
  uniqueSchema,
} from './testing/test-database';

const AN_HOUR = 3_600_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks for the next `count` events before they exist and lets the subscription settle into
 * its wait: what delivers them then is whatever wakes it (NOTIFY, the poll), not the ask.
 */
async function waitingFor(
  reader: SubscriptionReader,
  count: number,
): Promise<{ events: Promise<RecordedEvent[]> }> {
  const events = reader.nextEvents(count);
  await pause(200);
  return { events };
}

describeOnPostgres('A live PostgreSQL subscription', (url) => {
  let schema: string;
  let stores: PostgresEventStore[] = [];

  const open = async (options: PostgresEventStoreOptions = {}) => {
    const store = await PostgresEventStore.open(url, { schema, ...options });
    stores.push(store);
    return store;
  };

  /** A subscriber store and a writer store: the writer's appends reach it only through the server. */
  const subscriberAndWriter = async (options: PostgresEventStoreOptions) => {
    const subscriber = await open(options);
    const writer = await open({ listen: false });
    const reader = new SubscriptionReader(
      subscriber.subscribeToAll({ fromPosition: 'end' }),
      20_000, // a bound for a failing test only
    );
    await reader.untilCaughtUp();
    return { subscriber, writer, reader };
  };

  beforeEach(() => {
    schema = uniqueSchema();
  });

  afterEach(async () => {
    for (const store of stores.splice(0).reverse()) await store.close();
    stores = [];
    await dropSchema(url, schema);
  });

  describe('with notifications', () => {
    it('is woken by NOTIFY when another process appends, long before its poll', async () => {
      const { subscriber, writer, reader } = await subscriberAndWriter({ pollIntervalMs: AN_HOUR });
      await eventually(() => subscriber.listener?.listening === true, 20_000, 'LISTEN');

      const batch = proposedEvents(2);
      const first = await waitingFor(reader, 2);
      await writer.appendToStream('incident-1', batch);

      expect(eventIds(await first.events)).toEqual(eventIds(batch));
      const again = proposedEvents(1);
      const second = await waitingFor(reader, 1);
      await writer.appendToStream('incident-1', again);
      expect(eventIds(await second.events)).toEqual(eventIds(again));
      await reader.subscription.close();
    });

    it('is not woken by appends to another schema', async () => {
      const { reader } = await subscriberAndWriter({ pollIntervalMs: AN_HOUR });
      const otherSchema = uniqueSchema();
      const elsewhere = await PostgresEventStore.open(url, { schema: otherSchema, listen: false });
      try {
        const next = reader.next();
        await pause(200);
        await elsewhere.appendToStream('incident-1', proposedEvents(1));
        const outcome = await Promise.race([
          next.then(() => 'delivered'),
          new Promise((resolve) => setTimeout(() => resolve('nothing'), 500)),
        ]);
        expect(outcome).toBe('nothing');
        await reader.subscription.close();
        await next.catch(() => undefined);
      } finally {
        await elsewhere.close();
        await dropSchema(url, otherSchema);
      }
    });

    it('gets back what was appended while its LISTEN connection was down, and listens again', async () => {
      const { subscriber, writer, reader } = await subscriberAndWriter({ pollIntervalMs: AN_HOUR });
      await eventually(() => subscriber.listener?.listening === true, 20_000, 'LISTEN');
      const pid = subscriber.listener?.backendPid;
      const connectionsBefore = subscriber.listener?.connections ?? 0;

      // The server ends the LISTEN connection: notifications sent now reach nobody.
      const whileDown = proposedEvents(2);
      const delivered = await waitingFor(reader, 2);
      await onConnection(url, async (client) => {
        // With a timeout it returns once the backend has ended: the appends below are not heard.
        await client.query('SELECT pg_terminate_backend($1, 10000)', [pid]);
        await writer.appendToStream('incident-1', whileDown);
      });

      expect(eventIds(await delivered.events)).toEqual(eventIds(whileDown));
      await eventually(
        () => (subscriber.listener?.connections ?? 0) > connectionsBefore,
        20_000,
        'a new LISTEN connection',
      );
      expect(subscriber.listener?.backendPid).not.toBe(pid);
      const afterwards = proposedEvents(1);
      const next = await waitingFor(reader, 1);
      await writer.appendToStream('incident-1', afterwards);
      expect(eventIds(await next.events)).toEqual(eventIds(afterwards));
      await reader.subscription.close();
    });
  });

  describe('without notifications', () => {
    it('still delivers by polling', async () => {
      const { subscriber, writer, reader } = await subscriberAndWriter({
        listen: false,
        pollIntervalMs: 50,
      });

      const batch = proposedEvents(3);
      const delivered = await waitingFor(reader, 3);
      await writer.appendToStream('incident-1', batch);

      expect(subscriber.listener).toBeUndefined();
      expect(eventIds(await delivered.events)).toEqual(eventIds(batch));
      await reader.subscription.close();
    });

    it('waits for the poll when nothing else wakes it', async () => {
      const { writer, reader } = await subscriberAndWriter({ listen: false, pollIntervalMs: 1500 });

      // Its wait begins after this moment (however late waitingFor's pause ends on a slow machine).
      const askedAt = Date.now();
      const delivered = await waitingFor(reader, 1);
      await writer.appendToStream('incident-1', proposedEvents(1));
      await delivered.events;

      // Neither NOTIFY nor an append of its own process woke it: the poll, 1.5 s after it began to wait.
      expect(Date.now() - askedAt).toBeGreaterThanOrEqual(1490);
      await reader.subscription.close();
    });
  });
});
