import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { describeAppending } from './contract/appending.contract';
import { describeConcurrentWriters } from './contract/concurrent-writers.contract';
import type { ContractContext } from './contract/contract-context';
import { describeIdempotentAppends } from './contract/idempotent-appends.contract';
import { describeReadingAStream } from './contract/reading-a-stream.contract';
import { describeReadingAll } from './contract/reading-all.contract';
import { describeSubscribingToAll } from './contract/subscribing-to-all.contract';

export interface OpenedEventStore {
  store: EventStore;
  /** Closes the store and removes whatever `open` created. */
  cleanup: () => Promise<void>;
}

/**
 * The contract every EventStore adapter passes, written only against the port.
 *
 * `open` is called before each test. It may hand back a store that already holds events (a
 * shared EventStoreDB server, say): every test writes to stream ids of its own, unique per
 * test and per run. The suite does assume that nothing else writes to the store while a test
 * runs and that the port never shows a server's internal events.
 */
export function describeEventStoreContract(
  adapterName: string,
  open: () => Promise<OpenedEventStore>,
): void {
  describe(`the ${adapterName} event store`, () => {
    let opened: OpenedEventStore | undefined;
    let scope = '';
    let streams = 0;

    beforeEach(async () => {
      scope = `contract${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      streams = 0;
      opened = await open();
    });

    afterEach(async () => {
      const closing = opened;
      opened = undefined;
      await closing?.cleanup();
    });

    const context: ContractContext = {
      store: () => {
        if (!opened) throw new Error('the store is only open while a test runs');
        return opened.store;
      },
      streamId: (category = 'stream') => `${scope}-${category}-${++streams}`,
      scope: () => scope,
    };

    describeAppending(context);
    describeIdempotentAppends(context);
    describeReadingAStream(context);
    describeReadingAll(context);
    describeSubscribingToAll(context);
    describeConcurrentWriters(context);
  });
}
