import type {
  EventFilter,
  EventSubscription,
  RecordedEvent,
  SubscriptionMessage,
} from '../event-store.port';
import type { AppendSignal } from '../append-signal';
import type { PositionRange } from './event-statements';

/** What a subscription needs from the store. */
export interface SubscriptionSource {
  headPosition(): bigint | null;
  readRange(range: PositionRange): RecordedEvent[];
  readonly appended: AppendSignal;
}

export interface SubscriptionSettings {
  /** Exclusive: the first event delivered is the first one after it. 0 for the very start. */
  after: bigint;
  filter?: EventFilter;
  pollIntervalMs: number;
  pageSize: number;
  onClose: () => void;
}

/**
 * Catch-up then live, from one loop: read a page of events after the cursor, up to the head
 * seen just before; once the cursor reaches the head, say `caught_up` (once) and wait.
 * Waiting ends on an append in this process, on the poll timer (appends by other processes
 * on the same file), or on `close()`. The cursor moves past events the filter skips, so they
 * are not read again.
 */
export class SqliteSubscription implements EventSubscription {
  private closed = false;
  private wakeUp: (() => void) | undefined;
  private readonly messages: AsyncGenerator<SubscriptionMessage>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly settings: SubscriptionSettings,
  ) {
    this.messages = this.deliver();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    return this.messages;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeUp?.();
    this.settings.onClose();
  }

  private async *deliver(): AsyncGenerator<SubscriptionMessage> {
    const { filter, pageSize } = this.settings;
    let cursor = this.settings.after;
    let caughtUp = false;
    try {
      while (!this.closed) {
        const seenAppends = this.source.appended.version;
        const head = this.source.headPosition() ?? 0n;
        if (head > cursor) {
          const page = this.source.readRange({
            from: cursor + 1n,
            through: head,
            direction: 'forwards',
            filter,
            limit: pageSize,
          });
          cursor = page.length === pageSize ? page[page.length - 1].globalPosition : head;
          for (const event of page) {
            if (this.closed) return;
            yield { kind: 'event', event };
          }
        } else if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught_up', position: cursor > 0n ? cursor : null };
        } else {
          await this.nextAppend(seenAppends);
        }
      }
    } finally {
      await this.close();
    }
  }

  private nextAppend(seenAppends: number): Promise<void> {
    if (this.source.appended.version !== seenAppends) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopListening();
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.settings.pollIntervalMs);
      const stopListening = this.source.appended.listen(done);
      this.wakeUp = done;
    });
  }
}
