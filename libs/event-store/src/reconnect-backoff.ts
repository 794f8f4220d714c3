const FIRST_DELAY_MS = 50;
const LONGEST_DELAY_MS = 5_000;

/** Exponential backoff for reconnecting (a dropped subscription, a lost server): 50 ms, 100 ms, ... up to 5 s. */
export const reconnectDelayMs = (failures: number): number =>
  Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures, 16));

/** A pause that `wake` (handed to `register`) ends early, so that closing never waits for it. */
export function cancellableDelay(ms: number, register: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    register(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
