import type { EventSubscription, SubscribeToAllOptions } from '../../event-store.port';
import { eventIds, proposedEvent, proposedEvents } from '../proposed-event';
import { SubscriptionReader } from '../subscription-reader';
import type { ContractContext } from './contract-context';

/** Subscriptions are closed after each test even when an assertion failed midway. */
export function describeSubscribingToAll(context: ContractContext): void {
  const store = () => context.store();
  let open: EventSubscription[] = [];

  const subscribe = (options?: SubscribeToAllOptions) => {
    const subscription = store().subscribeToAll(options);
    open.push(subscription);
    return new SubscriptionReader(subscription);
  };

  /** Appends a last event and checks it is the very next message: nothing was repeated. */
  const expectNothingMoreThanSentinel = async (
    reader: SubscriptionReader,
    streamId: string,
    type = 'IncidentReported',
  ) => {
    const sentinel = proposedEvent({ type });
    await store().appendToStream(streamId, [sentinel]);
    expect((await reader.nextEvent()).eventId).toBe(sentinel.eventId);
  };

  describe('subscribing to all', () => {
    afterEach(async () => {
      const closing = open;
      open = [];
      await Promise.all(closing.map((subscription) => subscription.close()));
    });

    it('from the start delivers history, then caught_up, then live events, each once', async () => {
      const streamId = context.streamId();
      const past = proposedEvents(3);
      await store().appendToStream(streamId, past);
      const reader = subscribe({
        fromPosition: 'start',
        filter: { streamPrefixes: [context.scope()] },
      });

      const { history, position } = await reader.untilCaughtUp();
      const live = proposedEvents(2);
      await store().appendToStream(context.streamId(), live.slice(0, 1));
      await store().appendToStream(streamId, live.slice(1));

      expect(eventIds(history)).toEqual(eventIds(past));
      expect(history.map((e) => e.streamRevision)).toEqual([0n, 1n, 2n]);
      if (position !== null) expect(position).toBeGreaterThanOrEqual(history[2].globalPosition);
      expect(eventIds(await reader.nextEvents(2))).toEqual(eventIds(live));
      await expectNothingMoreThanSentinel(reader, streamId);
    });

    it('delivers the full envelope', async () => {
      const streamId = context.streamId();
      await store().appendToStream(
        streamId,
        proposedEvents(1, { occurredAt: '2016-02-17T22:00:00Z' }),
      );
      const reader = subscribe({ filter: { streamPrefixes: [streamId] } });

      const { history } = await reader.untilCaughtUp();

      expect(history).toStrictEqual(await store().readStream(streamId));
    });

    it('from a position delivers only the events after it', async () => {
      const streamId = context.streamId();
      const past = proposedEvents(3);
      await store().appendToStream(streamId, past);
      const [first] = await store().readStream(streamId, { maxCount: 1 });
      const reader = subscribe({ fromPosition: first.globalPosition });

      const { history } = await reader.untilCaughtUp();
      const live = proposedEvents(2);
      await store().appendToStream(streamId, live);

      expect(eventIds(history)).toEqual(eventIds(past.slice(1)));
      expect(eventIds(await reader.nextEvents(2))).toEqual(eventIds(live));
      await expectNothingMoreThanSentinel(reader, streamId);
    });

    it('from the end delivers only events appended later', async () => {
      const streamId = context.streamId();
      await store().appendToStream(streamId, proposedEvents(2));
      const reader = subscribe({ fromPosition: 'end' });

      const { history } = await reader.untilCaughtUp();
      const live = proposedEvents(2);
      await store().appendToStream(streamId, live);

      expect(history).toEqual([]);
      expect(eventIds(await reader.nextEvents(2))).toEqual(eventIds(live));
    });

    it('delivers events appended while it catches up, in order, each once', async () => {
      const streamId = context.streamId();
      const batches = Array.from({ length: 5 }, () => proposedEvents(4));
      await store().appendToStream(streamId, batches[0]);
      const reader = subscribe({ filter: { streamPrefixes: [streamId] } });

      const appending = (async () => {
        for (const batch of batches.slice(1)) await store().appendToStream(streamId, batch);
      })();
      const { events: received, caughtUp } = await reader.nextEventsAcrossCatchUp(20);
      await appending;

      expect(eventIds(received)).toEqual(eventIds(batches.flat()));
      expect(caughtUp).toBeLessThanOrEqual(1);
      await expectNothingMoreThanSentinel(reader, streamId);
      expect(received.map((e) => e.streamRevision)).toEqual(received.map((_, i) => BigInt(i)));
    });

    it('applies a filter to history and to live events', async () => {
      const streamId = context.streamId();
      await store().appendToStream(streamId, [proposedEvent({ type: 'ContingentRegistered' })]);
      const [marker] = await store().readStream(streamId);
      const wanted = proposedEvent({ type: 'ContingentCommended' });
      await store().appendToStream(streamId, [
        proposedEvent({ type: 'ContingentRotated' }),
        wanted,
      ]);
      const filter = { eventTypes: ['ContingentCommended', 'TccNotified'] };
      const reader = subscribe({ fromPosition: marker.globalPosition, filter });

      const { history } = await reader.untilCaughtUp();
      const liveWanted = proposedEvent({ type: 'TccNotified' });
      await store().appendToStream(streamId, [
        proposedEvent({ type: 'ContingentEvaluated' }),
        liveWanted,
        proposedEvent({ type: 'ContingentRotated' }),
      ]);

      expect(eventIds(history)).toEqual([wanted.eventId]);
      expect((await reader.nextEvent()).eventId).toBe(liveWanted.eventId);
      await expectNothingMoreThanSentinel(reader, streamId, 'TccNotified');
    });

    it('ends the iteration when closed while live', async () => {
      const reader = subscribe({ fromPosition: 'end' });
      await reader.untilCaughtUp();

      await reader.subscription.close();

      await expect(reader.ended()).resolves.toBeUndefined();
    });

    it('ends a pending read when closed, and delivers nothing appended afterwards', async () => {
      const streamId = context.streamId();
      const reader = subscribe({ fromPosition: 'end', filter: { streamPrefixes: [streamId] } });
      await reader.untilCaughtUp();

      const ending = reader.ended();
      await reader.subscription.close();
      await store().appendToStream(streamId, proposedEvents(1));

      await expect(ending).resolves.toBeUndefined();
    });

    it('ends a for-await loop when closed', async () => {
      const streamId = context.streamId();
      await store().appendToStream(streamId, proposedEvents(2));
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: [streamId] } });
      open.push(subscription);
      const seen: string[] = [];

      for await (const message of subscription) {
        seen.push(message.kind);
        if (message.kind === 'caught_up') await subscription.close();
      }

      expect(seen).toEqual(['event', 'event', 'caught_up']);
    });
  });
}
