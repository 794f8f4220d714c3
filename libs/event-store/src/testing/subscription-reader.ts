import type { EventSubscription, RecordedEvent, SubscriptionMessage } from '../event-store.port';

/**
 * Reads a subscription one message at a time with a bounded wait, so a contract test fails
 * with a clear message instead of hanging when an adapter never delivers.
 */
export class SubscriptionReader {
  private readonly iterator: AsyncIterator<SubscriptionMessage>;

  constructor(
    readonly subscription: EventSubscription,
    private readonly waitMs = 10_000,
  ) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  async next(): Promise<SubscriptionMessage> {
    const result = await this.within(this.iterator.next(), 'the next subscription message');
    if (result.done) throw new Error('the subscription ended while a message was expected');
    return result.value;
  }

  async nextEvent(): Promise<RecordedEvent> {
    const message = await this.next();
    if (message.kind !== 'event') throw new Error(`expected an event, got ${message.kind}`);
    return message.event;
  }

  async nextEvents(count: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    while (events.length < count) events.push(await this.nextEvent());
    return events;
  }

  /**
   * The next `count` events, wherever `caught_up` falls among them (an adapter turns live when
   * it reaches the head, which moves while events are appended), and how often it came.
   */
  async nextEventsAcrossCatchUp(
    count: number,
  ): Promise<{ events: RecordedEvent[]; caughtUp: number }> {
    const events: RecordedEvent[] = [];
    let caughtUp = 0;
    while (events.length < count) {
      const message = await this.next();
      if (message.kind === 'event') events.push(message.event);
      else caughtUp++;
    }
    return { events, caughtUp };
  }

  /** The events delivered before `caught_up`, and the position `caught_up` reported. */
  async untilCaughtUp(): Promise<{ history: RecordedEvent[]; position: bigint | null }> {
    const history: RecordedEvent[] = [];
    for (;;) {
      const message = await this.next();
      if (message.kind === 'caught_up') return { history, position: message.position };
      history.push(message.event);
    }
  }

  /** Resolves when the iteration ends; rejects when it does not end in time. */
  async ended(): Promise<void> {
    for (;;) {
      const result = await this.within(this.iterator.next(), 'the end of the subscription');
      if (result.done) return;
    }
  }

  private async within<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`waited ${this.waitMs} ms for ${what}`)),
        this.waitMs,
      );
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
