import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ProposedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '@blue-ledger/event-store';

/**
 * A small EventStore held in memory, for driving the runner in unit tests: no concurrency
 * checks (expected revisions are ignored). Global positions step by 10 so that nothing
 * downstream can rely on them being contiguous.
 */
export class InMemoryEventStore implements EventStore {
  private readonly events: RecordedEvent[] = [];
  private readonly wakers = new Set<() => void>();

  async appendToStream(
    streamId: string,
    events: ProposedEvent[],
    _options?: AppendOptions,
  ): Promise<AppendResult> {
    return this.appendNow(streamId, events);
  }

  /** The synchronous core of `appendToStream`, handy for seeding a test. */
  appendNow(streamId: string, events: ProposedEvent[]): AppendResult {
    let revision = this.streamRevision(streamId) ?? -1n;
    for (const event of events) {
      revision += 1n;
      this.events.push({
        ...event,
        streamId,
        streamRevision: revision,
        globalPosition: BigInt((this.events.length + 1) * 10),
      });
    }
    this.wakers.forEach((wake) => wake());
    return { nextExpectedRevision: revision, position: this.events.at(-1)?.globalPosition ?? 0n };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const forwards = options.direction !== 'backwards';
    let stream = this.events.filter((e) => e.streamId === streamId);
    if (typeof options.fromRevision === 'bigint') {
      const from = options.fromRevision;
      stream = stream.filter((e) =>
        forwards ? e.streamRevision >= from : e.streamRevision <= from,
      );
    }
    if (!forwards) stream.reverse();
    return stream.slice(0, options.maxCount ?? stream.length);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const forwards = options.direction !== 'backwards';
    let all = this.events.filter((e) => matches(e, options));
    if (typeof options.fromPosition === 'bigint') {
      const from = options.fromPosition;
      all = all.filter((e) => (forwards ? e.globalPosition >= from : e.globalPosition <= from));
    }
    if (!forwards) all.reverse();
    return all.slice(0, options.maxCount ?? all.length);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const state: SubscriptionState = { closed: false, wake: () => {} };
    const iterator = this.messages(options, state);
    return {
      [Symbol.asyncIterator]: () => iterator,
      async close() {
        state.closed = true;
        state.wake();
      },
    };
  }

  private async *messages(
    options: SubscribeToAllOptions,
    state: SubscriptionState,
  ): AsyncGenerator<SubscriptionMessage> {
    const from = options.fromPosition ?? 'start';
    let next =
      from === 'start'
        ? 0
        : from === 'end'
          ? this.events.length
          : this.events.findIndex((e) => e.globalPosition > from);
    if (next < 0) next = this.events.length;
    let caughtUp = false;
    while (!state.closed) {
      const event = this.events[next];
      if (event !== undefined) {
        next += 1;
        if (matches(event, options)) yield { kind: 'event', event };
        continue;
      }
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caught_up', position: this.events.at(-1)?.globalPosition ?? null };
        continue;
      }
      await new Promise<void>((resolve) => {
        state.wake = resolve;
        this.wakers.add(resolve);
      });
      this.wakers.delete(state.wake);
    }
  }

  async headPosition(): Promise<bigint | null> {
    return this.events.at(-1)?.globalPosition ?? null;
  }

  async close(): Promise<void> {
    this.wakers.forEach((wake) => wake());
  }

  private streamRevision(streamId: string): bigint | null {
    for (let i = this.events.length - 1; i >= 0; i--) {
      if (this.events[i].streamId === streamId) return this.events[i].streamRevision;
    }
    return null;
  }
}

interface SubscriptionState {
  closed: boolean;
  wake: () => void;
}

function matches(
  event: RecordedEvent,
  { filter }: ReadAllOptions | SubscribeToAllOptions,
): boolean {
  if (filter === undefined) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) {
    return false;
  }
  return true;
}
