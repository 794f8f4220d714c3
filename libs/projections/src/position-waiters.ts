import { ProjectionTimeoutError } from './projection-errors';

interface Waiter {
  position: number;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Those waiting for the read models to reach a position (read-your-writes). */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** `behind(position)`: the projections that have not applied the event at `position` yet. */
  constructor(private readonly behind: (position: number) => string[]) {}

  wait(position: number, timeoutMs: number): Promise<void> {
    if (this.behind(position).length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new ProjectionTimeoutError(position, this.behind(position), timeoutMs));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves every waiter whose position has been reached. */
  settle(): void {
    for (const waiter of this.waiters) {
      if (this.behind(waiter.position).length > 0) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  rejectAll(error: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
  }
}
