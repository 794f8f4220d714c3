import type { EventSubscription, RecordedEvent } from '../../event-store.port';

/** Drains a subscription in the background into `events`, for tests that run writers meanwhile. */
export class CollectingSubscriber {
  readonly events: RecordedEvent[] = [];
  caughtUp = 0;
  /** Settles when the iteration ends; rejects if it threw. */
  readonly ended: Promise<void>;

  constructor(readonly subscription: EventSubscription) {
    this.ended = (async () => {
      for await (const message of subscription) {
        if (message.kind === 'event') this.events.push(message.event);
        else this.caughtUp++;
      }
    })();
    // A failure is reported by `until` and by whoever awaits `ended`.
    this.ended.catch(() => undefined);
  }

  /** Resolves once `done(events)` holds; rejects after `timeoutMs` or when the iteration ends. */
  async until(done: (events: RecordedEvent[]) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.ended.then(
      () => (ended = true),
      () => (ended = true),
    );
    while (!done(this.events)) {
      if (ended) {
        await this.ended;
        throw new Error(`the subscription ended after ${this.events.length} events`);
      }
      if (Date.now() > deadline) {
        throw new Error(
          `waited ${timeoutMs} ms; the subscription has ${this.events.length} events`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * Resolves once `condition()` is true, checking every 20 ms; rejects after `timeoutMs` (30 s
 * unless told: a bound for a failing test only).
 */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
