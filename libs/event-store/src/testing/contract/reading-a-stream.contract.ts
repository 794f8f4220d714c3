import { eventIds, proposedEvents } from '../proposed-event';
import type { ContractContext } from './contract-context';

export function describeReadingAStream(context: ContractContext): void {
  const store = () => context.store();

  /** A stream of five events, next to a stream whose id merely starts with the same text. */
  const fiveEventStream = async () => {
    const streamId = context.streamId();
    const events = proposedEvents(5);
    await store().appendToStream(streamId, events.slice(0, 2));
    await store().appendToStream(`${streamId}0`, proposedEvents(2));
    await store().appendToStream(streamId, events.slice(2));
    return { streamId, ids: eventIds(events) };
  };

  describe('reading a stream', () => {
    it('reads a missing stream as empty, in both directions', async () => {
      const streamId = context.streamId();
      expect(await store().readStream(streamId)).toEqual([]);
      expect(await store().readStream(streamId, { direction: 'backwards' })).toEqual([]);
    });

    it('reads all of the stream and only the stream, forwards by default', async () => {
      const { streamId, ids } = await fiveEventStream();

      const events = await store().readStream(streamId);

      expect(eventIds(events)).toEqual(ids);
      expect(events.every((e) => e.streamId === streamId)).toBe(true);
    });

    it('reads forwards from a revision, inclusive', async () => {
      const { streamId, ids } = await fiveEventStream();

      const events = await store().readStream(streamId, { fromRevision: 2n });

      expect(eventIds(events)).toEqual(ids.slice(2));
      expect(events[0].streamRevision).toBe(2n);
    });

    it('reads backwards from the end by default', async () => {
      const { streamId, ids } = await fiveEventStream();

      const events = await store().readStream(streamId, { direction: 'backwards' });

      expect(eventIds(events)).toEqual([...ids].reverse());
    });

    it('reads backwards from a revision, inclusive', async () => {
      const { streamId, ids } = await fiveEventStream();

      const events = await store().readStream(streamId, {
        direction: 'backwards',
        fromRevision: 2n,
      });

      expect(eventIds(events)).toEqual(ids.slice(0, 3).reverse());
    });

    it('reads at most maxCount events in either direction', async () => {
      const { streamId, ids } = await fiveEventStream();

      const forwards = await store().readStream(streamId, { fromRevision: 1n, maxCount: 2 });
      const backwards = await store().readStream(streamId, {
        direction: 'backwards',
        maxCount: 2,
      });

      expect(eventIds(forwards)).toEqual(ids.slice(1, 3));
      expect(eventIds(backwards)).toEqual([ids[4], ids[3]]);
    });

    it('reads nothing from past the last revision', async () => {
      const { streamId } = await fiveEventStream();

      expect(await store().readStream(streamId, { fromRevision: 5n })).toEqual([]);
    });
  });
}
