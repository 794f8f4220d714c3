import type { EventSubscription, SubscriptionMessage } from './event-store.port';
import { cancellableDelay, reconnectDelayMs } from './reconnect-backoff';

/**
 * What the catch-up loop of a table store and the EventStoreDB subscription share: one
 * generator of messages, closed once, and waits (for an append, or after a failure) that
 * `close()` ends at once. Each subclass delivers from its own cursor.
 */
export abstract class ResumableSubscription implements EventSubscription {
  protected closed = false;
  private wakeUp: (() => void) | undefined;
  private messages: AsyncGenerator<SubscriptionMessage> | undefined;
  /** Why the subscription last had to wait or reopen; kept for diagnosis. */
  lastError: unknown;

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    return (this.messages ??= this.deliver());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.interrupt();
    this.wakeUp?.();
    this.onClosed();
  }

  /** The messages, in order, until the subscription is closed. */
  protected abstract deliver(): AsyncGenerator<SubscriptionMessage>;

  /** Called once, when closed. */
  protected abstract onClosed(): void;

  /** Stops what is in flight (a server call) when closed, before any wait is ended. */
  protected interrupt(): void {}

  /** The pause after the `failures`-th failure in a row (50 ms growing to 5 s), ended by `close()`. */
  protected pauseAfterFailure(failures: number): Promise<void> {
    return cancellableDelay(reconnectDelayMs(failures), (wake) => (this.wakeUp = wake));
  }

  /** Waits until `wake` rings or `ms` pass, whichever first; `close()` ends it too. */
  protected waitAtMost(ms: number, wake: (ring: () => void) => () => void): Promise<void> {
    return new Promise<void>((resolve) => {
      let unsubscribe = () => {};
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      unsubscribe = wake(done);
      this.wakeUp = done;
    });
  }
}
