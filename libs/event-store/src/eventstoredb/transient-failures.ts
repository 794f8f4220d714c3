import { CancelledError, UnavailableError } from '@eventstore/db-client';
import { cancellableDelay, reconnectDelayMs } from '../reconnect-backoff';

const ATTEMPTS = 4;

/**
 * The client learns that its connection is gone from the call that fails on it, and connects
 * again on the next call. Reads are safe to repeat; so are appends, which the adapter makes
 * idempotent: a repeat of an append that did reach the server answers with its original result.
 */
export async function retryingTransientFailures<T>(operation: () => Promise<T>): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await operation();
    } catch (error) {
      const transient = error instanceof UnavailableError || error instanceof CancelledError;
      if (!transient || failures + 1 >= ATTEMPTS) throw error;
      await cancellableDelay(reconnectDelayMs(failures), () => undefined);
    }
  }
}
