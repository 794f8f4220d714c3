/**
 * Fixed-window counts of failures per key (an address, a token prefix), bounded in memory:
 * when it holds `maxKeys`, expired windows are swept, and if none expired the oldest key goes.
 */
export class FailureCounter {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it is not limited. */
  limitedFor(key: string): number {
    if (this.limit <= 0) return 0;
    const window = this.windows.get(key);
    if (!window) return 0;
    const left = window.resetsAt - this.now();
    if (left <= 0) {
      this.windows.delete(key);
      return 0;
    }
    return window.count >= this.limit ? left : 0;
  }

  fail(key: string): void {
    if (this.limit <= 0) return;
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.resetsAt > now) {
      window.count += 1;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.makeRoom(now);
    this.windows.set(key, { count: 1, resetsAt: now + this.windowMs });
  }

  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) {
      this.windows.delete(this.windows.keys().next().value as string);
    }
  }
}
