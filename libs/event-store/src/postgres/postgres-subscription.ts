import type { AppendSignal } from '../append-signal';
import type {
  EventFilter,
  EventSubscription,
  RecordedEvent,
  SubscriptionMessage,
} from '../event-store.port';
import { cancellableDelay, reconnectDelayMs } from '../reconnect-backoff';
import { isConnectionFailure } from './connection';
import type { PositionRange } from './event-queries';

/** What a subscription needs from the store. */
export interface SubscriptionSource {
  headPosition(): Promise<bigint | null>;
  readRange(range: PositionRange): Promise<RecordedEvent[]>;
  /** Notified on this process's appends and on NOTIFY from any process. */
  readonly appended: AppendSignal;
}

export interface SubscriptionSettings {
  /** Exclusive: the first event delivered is the first one after it. 0 for the very start. */
  after: bigint | 'end';
  filter?: EventFilter;
  /** The fallback when a notification is lost. */
  pollIntervalMs: number;
  pageSize: number;
  onClose: () => void;
}

/**
 * Catch-up then live, from one loop with a cursor on global positions: read the head, read a
 * page of events after the cursor up to it, and move the cursor; once the cursor reaches the
 * head, say `caught_up` (once) and wait for an append (NOTIFY, an append in this process, or
 * the poll timer). The cursor is safe on positions alone because every position below the
 * head is committed or never will be (see `event-schema.ts`); it moves past events the
 * filter skips, so they are not read again.
 *
 * When the server goes away the loop waits (50 ms, growing to 5 s) and goes on from its
 * cursor on a new connection: nothing is skipped and nothing delivered twice. Any other error
 * ends the iteration by throwing it.
 */
export class PostgresSubscription implements EventSubscription {
  private closed = false;
  private wakeUp: (() => void) | undefined;
  private readonly messages: AsyncGenerator<SubscriptionMessage>;
  /** Why the subscription last had to wait for the server; kept for diagnosis. */
  lastError: unknown;

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
    let failures = 0;
    try {
      while (!this.closed) {
        let step: { page: RecordedEvent[] } | 'caught_up' | { waitFrom: number };
        try {
          const seenAppends = this.source.appended.version;
          const head = (await this.source.headPosition()) ?? 0n;
          if (cursor === 'end') cursor = head;
          if (head > cursor) {
            const page = await this.source.readRange({
              from: cursor + 1n,
              through: head,
              direction: 'forwards',
              filter,
              limit: pageSize,
            });
            cursor = page.length === pageSize ? page[page.length - 1].globalPosition : head;
            step = { page };
          } else {
            step = caughtUp ? { waitFrom: seenAppends } : 'caught_up';
          }
          failures = 0;
        } catch (error) {
          // Closing the store ends its pool, perhaps under a query of this loop.
          if (this.closed) return;
          if (!isConnectionFailure(error)) throw error;
          this.lastError = error;
          await cancellableDelay(reconnectDelayMs(failures++), (wake) => (this.wakeUp = wake));
          continue;
        }
        if (step === 'caught_up') {
          caughtUp = true;
          const position = typeof cursor === 'bigint' && cursor > 0n ? cursor : null;
          yield { kind: 'caught_up', position };
        } else if ('page' in step) {
          for (const event of step.page) {
            if (this.closed) return;
            yield { kind: 'event', event };
          }
        } else {
          await this.nextAppend(step.waitFrom);
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
