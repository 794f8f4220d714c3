import type { EventStore, RecordedEvent } from '@blue-ledger/event-store';

/**
 * Every event of the store in global order, read a page at a time so that a store of any
 * size streams through in bounded memory. Each page starts at the last event of the one before
 * (positions are inclusive and need not be consecutive), which is skipped.
 */
export async function* readAllInPages(
  store: EventStore,
  pageSize = 1000,
): AsyncGenerator<RecordedEvent> {
  let from: 'start' | bigint = 'start';
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: pageSize + 1 });
    const after = from;
    const fresh = after === 'start' ? page : page.filter((e) => e.globalPosition > after);
    yield* fresh;
    if (page.length < pageSize + 1 || fresh.length === 0) return;
    from = page[page.length - 1].globalPosition;
  }
}
