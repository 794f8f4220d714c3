import {
  ProjectionTimeoutError,
  readCheckpoints,
  type Projection,
  type ProjectionRunner,
} from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';

/** How far the read models the API queries have followed the store's global order. */
export interface ReadModelProgress {
  /** Every read model has applied the events up to this position; null before the first. */
  position(): number | null;
  /** Resolves once every read model has applied the event at `position`; rejects on timeout. */
  waitFor(position: bigint | number, timeoutMs: number): Promise<void>;
}

/** Projections run in this process: the runner knows, and wakes waiters as it applies events. */
export function runnerProgress(runner: ProjectionRunner): ReadModelProgress {
  return {
    position: () => lowestPosition(runner.checkpoints().map((c) => c.position)),
    waitFor: (position, timeoutMs) => runner.waitForPosition(position, timeoutMs),
  };
}

const POLL_MS = 25;

/**
 * Projections run in the projector, another process: their checkpoints are rows in the
 * read-model file, committed with the read-model writes, so reading them tells what the
 * tables hold. A checkpoint of another version than this build's counts as not there yet.
 */
export class ExternalReadModelProgress implements ReadModelProgress {
  constructor(
    private readonly db: Database,
    private readonly projections: readonly Projection[],
  ) {}

  position(): number | null {
    return lowestPosition(this.positions().map(([, position]) => position));
  }

  async waitFor(position: bigint | number, timeoutMs: number): Promise<void> {
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
      tableExists(this.db) ? readCheckpoints(this.db).map((c) => [c.name, c]) : [],
    );
    return this.projections.map(({ name, version }) => {
      const checkpoint = stored.get(name);
      return [name, checkpoint?.version === version ? checkpoint.position : null];
    });
  }
}

function tableExists(db: Database): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'`,
      )
      .get() !== undefined
  );
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

export const READ_MODEL_PROGRESS = Symbol('READ_MODEL_PROGRESS');
