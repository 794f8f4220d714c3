import type { AppendSignal } from './append-signal';
import type { EventFilter, RecordedEvent, SubscriptionMessage } from './event-store.port';
import { ResumableSubscription } from './resumable-subscription';

/** A page of the global order to read: positions `from` through `through`, both inclusive. */
export interface CatchUpBatch {
  from: bigint;
  through: bigint;
  filter?: EventFilter;
  limit: number;
}

/** What a store that reads its own table of events hands the loop: its reads and its wake-up. */
export interface CatchUpSource {
  headPosition(): bigint | null | Promise<bigint | null>;
  /** The batch's events in global order, at most `limit` of them, those the filter keeps. */
  readBatch(batch: CatchUpBatch): RecordedEvent[] | Promise<RecordedEvent[]>;
  /** Rung on an append the loop should read (in this process, or told of by the database). */
  readonly appended: AppendSignal;
  /**
   * A read failure to wait out (the server away): the loop waits, 50 ms growing to 5 s, and
   * reads again from its cursor. Without it, or for any other failure, the iteration throws.
   */
  isTransient?(error: unknown): boolean;
}

export interface CatchUpSettings {
  /** Exclusive: the first event delivered is the first one after it. 0 for the very start; 'end' for the head when the loop first reads it. */
  after: bigint | 'end';
  filter?: EventFilter;
  /** How long a wait lasts at most: it catches appends no signal rang for (another process's). */
  pollIntervalMs: number;
  pageSize: number;
  onClose: () => void;
}

/**
 * Catch-up then live, from one loop with a cursor on global positions, for the stores that
 * keep their events in a table of their own (SQLite, PostgreSQL): read the head, read a page
 * of events after the cursor up to it, and move the cursor; once the cursor reaches the head,
 * say `caught_up` (once) and wait for an append (the store's signal, or the poll timer). The
 * cursor moves past events the filter skips, so they are not read again; positions alone
 * suffice because each store keeps every position below its head committed or never to be.
 * Waiting ends early on `close()`.
 */
export class CatchUpSubscription extends ResumableSubscription {
  constructor(
    private readonly source: CatchUpSource,
    private readonly settings: CatchUpSettings,
  ) {
    super();
  }

  protected onClosed(): void {
    this.settings.onClose();
  }

  protected async *deliver(): AsyncGenerator<SubscriptionMessage> {
    const { filter, pageSize } = this.settings;
    let cursor = this.settings.after;
    let caughtUp = false;
    let failures = 0;
    try {
      while (!this.closed) {
        let step: { page: RecordedEvent[] } | 'caught_up' | { waitFrom: number };
        try {
          const seenAppends = this.source.appended.version;
          const headRead = this.source.headPosition();
          const head = (isPromise(headRead) ? await headRead : headRead) ?? 0n;
          if (cursor === 'end') cursor = head;
          if (head > cursor) {
            const pageRead = this.source.readBatch({
              from: cursor + 1n,
              through: head,
              filter,
              limit: pageSize,
            });
            const page = isPromise(pageRead) ? await pageRead : pageRead;
            cursor = page.length === pageSize ? page[page.length - 1].globalPosition : head;
            step = { page };
          } else {
            step = caughtUp ? { waitFrom: seenAppends } : 'caught_up';
          }
          failures = 0;
        } catch (error) {
          // Closing the store ends its connection, perhaps under a read of this loop.
          if (this.closed) return;
          if (!this.source.isTransient?.(error)) throw error;
          this.lastError = error;
          await this.pauseAfterFailure(failures++);
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
    return this.waitAtMost(this.settings.pollIntervalMs, (ring) =>
      this.source.appended.listen(ring),
    );
  }
}

/**
 * Whether a read answered later. A store that reads synchronously (SQLite) is not awaited, so
 * the loop runs through to its wait in the same turn as `next()`, with no extra hop per page.
 */
const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => value instanceof Promise;
