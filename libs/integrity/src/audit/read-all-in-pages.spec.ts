import type { EventStore, ReadAllOptions, RecordedEvent } from '@blue-ledger/event-store';
import { recordedLedger } from '../testing/recorded-events';
import { readAllInPages } from './read-all-in-pages';

/** A store whose positions are sparse, as EventStoreDB's commit positions are. */
function storeOf(events: RecordedEvent[]): { store: EventStore; reads: number[] } {
  const reads: number[] = [];
  const readAll = async ({ fromPosition = 'start', maxCount = Infinity }: ReadAllOptions = {}) => {
    const from = fromPosition === 'start' ? -1n : (fromPosition as bigint);
    const page = events.filter((e) => e.globalPosition >= from).slice(0, maxCount);
    reads.push(page.length);
    return page;
  };
  return { store: { readAll } as unknown as EventStore, reads };
}

async function collect(source: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of source) all.push(event);
  return all;
}

describe('readAllInPages', () => {
  const sparse = recordedLedger(23, 4).map((e, i) => ({
    ...e,
    globalPosition: BigInt(i * 97 + 5),
  }));

  it.each([1, 5, 22, 23, 100])(
    'yields every event once, in order, in pages of %i',
    async (size) => {
      const { store } = storeOf(sparse);
      expect(await collect(readAllInPages(store, size))).toEqual(sparse);
    },
  );

  it('reads an empty store once', async () => {
    const { store, reads } = storeOf([]);
    expect(await collect(readAllInPages(store, 10))).toEqual([]);
    expect(reads).toEqual([0]);
  });
});
