import { readCheckpoints } from './checkpoints';
import type { Projection } from './projection';
import { ProjectionTimeoutError } from './projection-errors';
import type { SqliteDatabase } from './sqlite/database';

export const DEFAULT_WAIT_MS = 5000;

/**
 * How far the read models have followed the store's global order, and the wait for them
 * (read-your-writes): the one place that concept lives. Two sources implement it: the
 * `ProjectionRunner` of this process, whose waits are woken by the transaction that applies the
 * position, and `CheckpointProgress`, the checkpoints another process (a projector) commits.
 */
export interface ReadModelProgress {
  /** Every read model has applied the events up to this position; null before the first. */
  position(): number | null;
  /**
   * Resolves once every read model has applied the event at `position`; rejects after
   * `timeoutMs` (default 5 s) or when the read models stop.
   */
  waitFor(position: bigint | number, timeoutMs?: number): Promise<void>;
}

/** The position every read model has reached: null while any of them has applied nothing. */
export function lowestPosition(positions: Array<number | null>): number | null {
  let result: number | null = null;
  for (const position of positions) {
    if (position === null) return null;
    if (result === null || position < result) result = position;
  }
  return result;
}

interface Waiter {
  position: number;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The runner's waits: each resolved by the commit that applies its position (`settle`, called
 * right after each transaction of read-model writes), none by polling.
 */
export class ProgressWaiters {
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

  /** Resolves every wait whose position is now applied. */
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

const POLL_MS = 25;

/**
 * Progress of read models another process writes (the projector): their checkpoints are rows
 * in the read-model file, committed with the writes they cover, so reading them tells what the
 * tables hold. Another process's commits cannot wake this one: its wait polls the checkpoints.
 * A checkpoint of another version than this build's counts as not there yet.
 */
export class CheckpointProgress implements ReadModelProgress {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly projections: readonly Projection[],
  ) {}

  position(): number | null {
    return lowestPosition(this.positions().map(([, position]) => position));
  }

  async waitFor(position: bigint | number, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const target = Number(position);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = this.behind(target);
      if (behind.length === 0) return;
      if (Date.now() >= deadline) throw new ProjectionTimeoutError(target, behind, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private behind(target: number): string[] {
    return this.positions()
      .filter(([, position]) => position === null || position < target)
      .map(([name]) => name);
  }

  private positions(): Array<[string, number | null]> {
    const stored = new Map(
      checkpointTableExists(this.db) ? readCheckpoints(this.db).map((c) => [c.name, c]) : [],
    );
    return this.projections.map(({ name, version }) => {
      const checkpoint = stored.get(name);
      return [name, checkpoint?.version === version ? checkpoint.position : null];
    });
  }
}

function checkpointTableExists(db: SqliteDatabase): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'`,
      )
      .get() !== undefined
  );
}
