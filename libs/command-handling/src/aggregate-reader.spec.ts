import type { EventStore, RecordedEvent } from '@blue-ledger/event-store';
import { AggregateReader } from './aggregate-reader';
import { StreamStateCache } from './stream-state-cache';

function storeWith(streams: Record<string, number>) {
  const reads: string[] = [];
  const store = {
    readStream: async (streamId: string) => {
      reads.push(streamId);
      return Array.from({ length: streams[streamId] ?? 0 }, () => ({}) as RecordedEvent);
    },
  } as unknown as EventStore;
  return { store, reads };
}

describe('AggregateReader', () => {
  describe('exists', () => {
    it('reads a stream once seen to exist, and never again', async () => {
      const { store, reads } = storeWith({ 'mission-UNMISS': 3 });
      const reader = new AggregateReader(store, new StreamStateCache());

      const answers = [
        await reader.exists('mission-UNMISS'),
        await reader.exists('mission-UNMISS'),
      ];

      expect(answers).toEqual([true, true]);
      expect(reads).toEqual(['mission-UNMISS']);
    });

    it('reads a missing stream every time: it may be created meanwhile', async () => {
      const { store, reads } = storeWith({});
      const reader = new AggregateReader(store, new StreamStateCache());

      expect(await reader.exists('mission-NOPE')).toBe(false);
      expect(await reader.exists('mission-NOPE')).toBe(false);
      expect(reads).toEqual(['mission-NOPE', 'mission-NOPE']);
    });

    it('forgets the oldest stream ids beyond its bound', async () => {
      const { store, reads } = storeWith({ a: 1, b: 1, c: 1 });
      const reader = new AggregateReader(store, new StreamStateCache(10, 2));

      for (const id of ['a', 'b', 'c', 'c', 'b', 'a']) await reader.exists(id);

      expect(reads).toEqual(['a', 'b', 'c', 'a']);
    });
  });
});
