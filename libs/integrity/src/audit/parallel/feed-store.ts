import { SqliteEventStore, type EventStore } from '@blue-ledger/event-store';
import { availableParallelism } from 'node:os';
import type { LedgerVerifier } from '../ledger-verifier';
import { leafHashAt, linkAt, type HashedEvents } from './hashed-events';
import { HashingPool } from './hashing-pool';

export interface FeedOptions {
  /** Hashing threads; default: the machine's cores, at most 4. 0: hash on this thread. */
  threads?: number;
  /** Positions per task given to a hashing thread. Default 4096. */
  positionsPerTask?: number;
  /** Events per page read on this thread when it hashes itself. Default 1000. */
  pageSize?: number;
  /** Called after every run of events fed, with how many so far (e.g. to let requests in). */
  onProgress?(events: number): Promise<void> | void;
}

export const defaultHashingThreads = (): number => Math.max(1, Math.min(4, availableParallelism()));

/**
 * Feeds every event of the store, in global order, to the verifier, until it fails. On the
 * embedded store (a file), hashing threads read the events and recompute their content hashes
 * and Merkle leaves, a range of positions each, while this thread runs the checks in order;
 * elsewhere this thread reads and hashes. Either way the verifier sees the same events in the
 * same order and reaches the same report, its first failure at the same position. Events
 * appended while it runs are fed too, after the ones that were there when it started.
 */
export async function feedStore(
  verifier: LedgerVerifier,
  store: EventStore,
  options: FeedOptions = {},
): Promise<number> {
  const threads = options.threads ?? defaultHashingThreads();
  let fed = 0;
  let after: bigint | null = null;
  if (threads > 0 && store instanceof SqliteEventStore && !store.db.memory) {
    const head = await store.headPosition();
    if (head !== null) {
      const result = await feedInParallel(verifier, store.db.name, head, threads, options);
      fed = result.fed;
      if (!result.complete) return fed;
      after = head;
    }
  }
  const pageSize = options.pageSize ?? 1000;
  for (;;) {
    const page = await store.readAll({
      fromPosition: after === null ? 'start' : after + 1n,
      maxCount: pageSize,
    });
    for (const event of page) {
      if (!verifier.addEvent(event)) return fed;
      fed += 1;
    }
    await options.onProgress?.(fed);
    if (page.length < pageSize) return fed;
    after = page[page.length - 1].globalPosition;
  }
}

async function feedInParallel(
  verifier: LedgerVerifier,
  file: string,
  head: bigint,
  threads: number,
  options: FeedOptions,
): Promise<{ fed: number; complete: boolean }> {
  const span = BigInt(options.positionsPerTask ?? 4096);
  const pool = new HashingPool(threads);
  const inFlight: Array<Promise<HashedEvents>> = [];
  let next = 0n;
  const dispatch = () => {
    while (inFlight.length < threads * 2 && next <= head) {
      const through = next + span - 1n < head ? next + span - 1n : head;
      const task = pool.hash({ file, from: next, through });
      task.catch(() => undefined);
      inFlight.push(task);
      next = through + 1n;
    }
  };
  let fed = 0;
  try {
    dispatch();
    while (inFlight.length > 0) {
      const hashed = await (inFlight.shift() as Promise<HashedEvents>);
      dispatch();
      for (let i = 0; i < hashed.count; i++) {
        if (
          !verifier.addHashedEvent(
            linkAt(hashed, i),
            hashed.recomputedHashes[i],
            leafHashAt(hashed, i),
          )
        ) {
          return { fed, complete: false };
        }
        fed += 1;
      }
      await options.onProgress?.(fed);
    }
    return { fed, complete: true };
  } finally {
    await pool.close();
  }
}
