import { randomUUID } from 'node:crypto';
import { startEventStoreDbDouble } from '../../../../test/eventstoredb-double';
import type { EventStoreDbDouble } from '../../../../test/eventstoredb-double';
import type { ProposedEvent } from '../event-store.port';
import { eventIds, proposedEvent, proposedEvents } from '../testing/proposed-event';
import { SubscriptionReader } from '../testing/subscription-reader';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import type { EventStoreDbSubscription } from './eventstoredb-subscription';

describe('An EventStoreDB subscription', () => {
  let double: EventStoreDbDouble;
  let store: EventStoreDbEventStore;
  let subscription: EventStoreDbSubscription | undefined;
  let streamId: string;

  beforeEach(async () => {
    double = await startEventStoreDbDouble();
    store = new EventStoreDbEventStore(double.url);
    streamId = `reconnect${randomUUID().replace(/-/g, '')}-incident-1`;
  });

  afterEach(async () => {
    await subscription?.close();
    await store.close();
    await double.stop();
  });

  const append = (events: ProposedEvent[]) => store.appendToStream(streamId, events);

  const subscribe = (fromPosition?: bigint) => {
    subscription = store.subscribeToAll({
      fromPosition,
      filter: { streamPrefixes: [streamId] },
    }) as EventStoreDbSubscription;
    return new SubscriptionReader(subscription, 20_000);
  };

  const restartServer = async () => {
    await double.stop();
    await double.restart();
  };

  describe('when the server is stopped and restarted', () => {
    it('resumes after the last event it delivered, with no gaps and no repeats', async () => {
      const history = proposedEvents(3);
      await append(history);
      const reader = subscribe();
      expect(eventIds((await reader.untilCaughtUp()).history)).toEqual(eventIds(history));

      await restartServer();
      const whileReconnecting = proposedEvents(2);
      await append(whileReconnecting);
      expect(eventIds(await reader.nextEvents(2))).toEqual(eventIds(whileReconnecting));
      expect(subscription?.lastError).toBeDefined();

      await restartServer();
      const afterSecondRestart = proposedEvents(2);
      await append(afterSecondRestart);
      expect(eventIds(await reader.nextEvents(2))).toEqual(eventIds(afterSecondRestart));

      const sentinel = proposedEvent();
      await append([sentinel]);
      expect((await reader.nextEvent()).eventId).toBe(sentinel.eventId);
    });

    it('says caught_up once, even when the connection drops before it turns live', async () => {
      await append(proposedEvents(2));
      const reader = subscribe();
      const [first] = await reader.nextEvents(1);

      await restartServer();
      const { history } = await reader.untilCaughtUp();
      const live = proposedEvents(1);
      await append(live);

      expect(history).toHaveLength(1);
      expect(history[0].globalPosition).toBeGreaterThan(first.globalPosition);
      expect((await reader.next()).kind).toBe('event');
    });

    it('lets a new subscription resume from the checkpoint its consumer kept', async () => {
      const events = proposedEvents(4);
      await append(events);
      const firstReader = subscribe();
      const consumed = await firstReader.nextEvents(2);
      const checkpoint = consumed[1].globalPosition;
      await subscription?.close();

      await restartServer();
      const resumed = subscribe(checkpoint);

      expect(eventIds((await resumed.untilCaughtUp()).history)).toEqual(eventIds(events.slice(2)));
    });
  });
});
