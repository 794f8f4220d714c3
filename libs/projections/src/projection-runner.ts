import type {
  EventStore,
  EventSubscription,
  RecordedEvent,
  SubscriptionMessage,
} from '@blue-ledger/event-store';
import { checkpointWriter, createCheckpointTable, readCheckpoint } from './checkpoints';
import type { ProjectionCheckpoint } from './checkpoints';
import {
  applyEvent,
  createQueryIndexes,
  dropQueryIndexes,
  EventApplyError,
  type Projection,
} from './projection';
import { ProjectionFailedError, ProjectionRunnerStoppedError } from './projection-errors';
import {
  DEFAULT_WAIT_MS,
  lowestPosition,
  ProgressWaiters,
  type ReadModelProgress,
} from './read-model-progress';
import type { SqliteDatabase, SqliteStatement } from './sqlite/database';
import { withoutFsync } from './sqlite/without-fsync';
import { deferred, type Deferred } from './support/deferred';

export interface ProjectionRunnerLogger {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface ProjectionRunnerOptions {
  /**
   * Most events applied in one transaction. While catching up, events commit in batches of
   * this size; live, everything the store has committed since the last transaction, up to this.
   */
  batchSize?: number;
  /** Defaults to the console. */
  logger?: ProjectionRunnerLogger;
  /** Called once when the runner stops on an error (after it was logged). */
  onError?: (error: Error) => void;
}

export type ProjectionRunnerStatus = 'stopped' | 'catching_up' | 'live' | 'failed';

const DEFAULT_BATCH_SIZE = 1000;

/** What `next` on the subscription gave, or that it has nothing more for now. */
const IDLE = Symbol('idle');
const nextTurnOfTheLoop = (): Promise<typeof IDLE> =>
  new Promise((resolve) => setImmediate(() => resolve(IDLE)));

interface Tracked {
  projection: Projection;
  /** Global position of the last event applied, as stored in its checkpoint. */
  position: number | null;
  /** Rebuilding from position 0 with its query indexes dropped, until caught up. */
  bulkLoading: boolean;
}

/**
 * Feeds projections from the store's global order. Each event is applied to every projection
 * whose checkpoint is behind it, and the checkpoints are written in the same transaction as the
 * read-model writes, so a crash neither applies an event twice nor skips one. Live, the events
 * the store committed since the last transaction are applied together, in one transaction, as
 * soon as the subscription has no more of them at hand; that commit wakes the waits for them
 * (`waitFor`). An error in a projection stops the runner: it is logged, reported to `onError`,
 * rejects `start` (if still catching up) and every `waitFor`, and shows in `status` and
 * `failure`.
 */
export class ProjectionRunner implements ReadModelProgress {
  private readonly tracked: Tracked[];
  private readonly batchSize: number;
  private readonly logger: ProjectionRunnerLogger;
  private readonly waiters = new ProgressWaiters((position) => this.behind(position));
  private writeCheckpoint: ((checkpoint: ProjectionCheckpoint) => void) | null = null;
  private applyInTransaction: ((events: RecordedEvent[]) => void) | null = null;
  private readStoredCheckpoint: SqliteStatement | null = null;
  private subscription: EventSubscription | null = null;
  private loop: Promise<void> | null = null;
  private currentStatus: ProjectionRunnerStatus = 'stopped';
  private lastFailure: Error | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqliteDatabase,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    const names = projections.map((p) => p.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated !== undefined) throw new Error(`two projections are named ${repeated}`);
    this.tracked = projections.map((projection) => ({
      projection,
      position: null,
      bulkLoading: false,
    }));
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.logger = options.logger ?? console;
  }

  get status(): ProjectionRunnerStatus {
    return this.currentStatus;
  }

  /** The error that stopped the runner, until the next start or rebuild. */
  get failure(): Error | null {
    return this.lastFailure;
  }

  checkpoints(): ProjectionCheckpoint[] {
    return this.tracked.map(({ projection, position }) => ({
      name: projection.name,
      version: projection.version,
      position,
    }));
  }

  /**
   * Sets up the tables (rebuilding any projection whose version changed), then follows the
   * store from the lowest checkpoint. Resolves once caught up with the store's head; the
   * runner then keeps following live events until `stop`. Rejects if a projection fails or
   * the runner is stopped before it caught up.
   */
  async start(): Promise<void> {
    if (this.loop !== null) throw new Error('the projection runner is already running');
    this.prepare();
    await this.follow({ stopWhenCaughtUp: false });
  }

  /** Stops following; what was applied stays applied. Waiters are rejected. */
  async stop(): Promise<void> {
    await this.halt();
    this.waiters.rejectAll(new ProjectionRunnerStoppedError());
  }

  /**
   * Drops the named projections (all by default) and replays them from position 0. Resolves
   * when they have caught up; a running runner keeps running, a stopped one stays stopped.
   */
  async rebuild(names?: readonly string[]): Promise<void> {
    const selected = this.select(names);
    const wasRunning = this.loop !== null;
    await this.halt();
    this.prepare(selected);
    await this.follow({ stopWhenCaughtUp: !wasRunning });
  }

  /** Every projection has applied the events up to this position; null before the first. */
  position(): number | null {
    return lowestPosition(this.tracked.map((t) => t.position));
  }

  /**
   * Resolves when every projection has applied the event at `position` (read-your-writes
   * after an append), woken by the transaction that applies it; rejects on timeout, when the
   * runner fails or when it stops.
   */
  waitFor(position: bigint | number, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const target = Number(position);
    if (this.lastFailure !== null && this.behind(target).length > 0) {
      return Promise.reject(this.lastFailure);
    }
    return this.waiters.wait(target, timeoutMs);
  }

  /** Sets every projection up from its checkpoint; those in `rebuilding` start again from 0. */
  private prepare(rebuilding: readonly Tracked[] = []): void {
    createCheckpointTable(this.db);
    this.writeCheckpoint ??= checkpointWriter(this.db);
    this.readStoredCheckpoint ??= this.db.prepare(
      'SELECT version, position FROM projection_checkpoints WHERE name = ?',
    );
    if (this.applyInTransaction === null) {
      const transaction = this.db.transaction((events: RecordedEvent[]) =>
        this.applyEvents(events),
      );
      // IMMEDIATE takes the write lock before the checkpoints are read, so that two processes
      // feeding the same read-model file never apply one event twice.
      this.applyInTransaction = (events) =>
        withoutFsync(this.db, () => transaction.immediate(events));
    }
    this.db.transaction(() => {
      for (const tracked of this.tracked) {
        const { name, version } = tracked.projection;
        if (rebuilding.includes(tracked)) {
          this.resetTracked(tracked);
          continue;
        }
        const stored = readCheckpoint(this.db, name);
        if (stored !== null && stored.version === version) {
          tracked.projection.setup(this.db);
          tracked.position = stored.position;
          continue;
        }
        if (stored !== null) {
          this.logger.log(
            `projection ${name}: version ${stored.version} -> ${version}, rebuilding`,
          );
        }
        this.resetTracked(tracked);
      }
    })();
  }

  private resetTracked(tracked: Tracked): void {
    const { projection } = tracked;
    projection.reset(this.db);
    projection.setup(this.db);
    tracked.position = null;
    this.writeCheckpoint?.({ name: projection.name, version: projection.version, position: null });
  }

  private follow({ stopWhenCaughtUp }: { stopWhenCaughtUp: boolean }): Promise<void> {
    this.startBulkLoading();
    const lowest = this.position();
    const subscription = this.store.subscribeToAll({
      fromPosition: lowest === null ? 'start' : BigInt(lowest),
    });
    const caughtUp = deferred<void>();
    this.subscription = subscription;
    this.lastFailure = null;
    this.currentStatus = 'catching_up';
    const loop = this.consume(subscription, caughtUp, stopWhenCaughtUp);
    this.loop = loop;
    return stopWhenCaughtUp ? caughtUp.promise.then(() => loop) : caughtUp.promise;
  }

  /**
   * Catching up, events commit in batches of `batchSize`; live, a batch commits as soon as the
   * subscription has nothing more at hand (its `next` does not settle before the next turn of
   * the event loop), so the events of one append, or of one group commit, apply together.
   */
  private async consume(
    subscription: EventSubscription,
    caughtUp: Deferred<void>,
    stopWhenCaughtUp: boolean,
  ): Promise<void> {
    const messages = subscription[Symbol.asyncIterator]();
    let next: Promise<IteratorResult<SubscriptionMessage>> | null = null;
    let idle: Promise<typeof IDLE> | null = null;
    let batch: RecordedEvent[] = [];
    try {
      for (;;) {
        next ??= messages.next();
        const result =
          this.currentStatus === 'live' && batch.length > 0
            ? await Promise.race([next, (idle ??= nextTurnOfTheLoop())])
            : await next;
        if (result === IDLE) {
          idle = null;
          batch = this.commit(batch);
          continue;
        }
        next = null;
        if (result.done) break;
        const message = result.value;
        if (message.kind === 'event') {
          batch.push(message.event);
          if (batch.length >= this.batchSize) batch = this.commit(batch);
          continue;
        }
        batch = this.commit(batch);
        this.finishBulkLoading();
        this.currentStatus = 'live';
        caughtUp.resolve();
        if (stopWhenCaughtUp) break;
      }
      this.commit(batch);
      this.finishBulkLoading();
      this.currentStatus = 'stopped';
      caughtUp.reject(new ProjectionRunnerStoppedError());
    } catch (error) {
      const failure = this.fail(error);
      caughtUp.reject(failure);
      try {
        this.finishBulkLoading();
      } catch (indexError) {
        this.logger.error('recreating the query indexes failed', indexError);
      }
    } finally {
      if (this.subscription === subscription) {
        this.subscription = null;
        this.loop = null;
      }
      // Closing ends the iteration, whatever the subscription is waiting for.
      await subscription.close().catch((error: unknown) => {
        this.logger.error('closing the subscription failed', error);
      });
      (next as Promise<unknown> | null)?.catch(() => undefined);
    }
  }

  /** Applies the batch and its checkpoints in one transaction; returns a fresh empty batch. */
  private commit(events: RecordedEvent[]): RecordedEvent[] {
    if (events.length === 0) return events;
    const before = this.tracked.map((t) => t.position);
    try {
      this.applyInTransaction?.(events);
    } catch (error) {
      this.tracked.forEach((t, i) => (t.position = before[i]));
      throw error;
    }
    this.waiters.settle();
    return [];
  }

  /** Each projection gets the events after its checkpoint, then its checkpoint moves on. */
  private applyEvents(events: RecordedEvent[]): void {
    const positions = events.map((e) => Number(e.globalPosition));
    for (const tracked of this.tracked) {
      const from = this.storedPosition(tracked);
      let first = 0;
      while (from !== null && first < positions.length && positions[first] <= from) first++;
      if (first === events.length) continue;
      this.applyTo(tracked.projection, first === 0 ? events : events.slice(first));
      tracked.position = positions[positions.length - 1];
      const { name, version } = tracked.projection;
      this.writeCheckpoint?.({ name, version, position: tracked.position });
    }
  }

  /**
   * Another process on the same file (a second API on the embedded store) may have applied
   * events since this one last looked: the stored checkpoint, not memory, says where to go on.
   */
  private storedPosition(tracked: Tracked): number | null {
    const stored = this.readStoredCheckpoint?.get(tracked.projection.name) as
      { version: number; position: number | null } | undefined;
    if (stored && stored.version === tracked.projection.version && stored.position !== null) {
      if (tracked.position === null || stored.position > tracked.position) {
        tracked.position = stored.position;
      }
    }
    return tracked.position;
  }

  private applyTo(projection: Projection, events: RecordedEvent[]): void {
    if (projection.applyBatch === undefined) {
      for (const event of events) {
        try {
          applyEvent(this.db, projection, event);
        } catch (cause) {
          throw new ProjectionFailedError(projection.name, event, cause);
        }
      }
      return;
    }
    try {
      projection.applyBatch(this.db, events);
    } catch (cause) {
      if (cause instanceof EventApplyError) {
        throw new ProjectionFailedError(projection.name, cause.event, cause.cause);
      }
      throw new ProjectionFailedError(projection.name, events[events.length - 1], cause, true);
    }
  }

  /**
   * A projection starting from position 0 has nothing a query could use yet: drop its query
   * indexes while it loads. Were the runner to die before `finishBulkLoading`, the next start
   * recreates them in `setup`.
   */
  private startBulkLoading(): void {
    const loading = this.tracked.filter((t) => t.position === null && !t.bulkLoading);
    if (loading.length === 0) return;
    this.db.transaction(() => {
      for (const tracked of loading) {
        dropQueryIndexes(this.db, tracked.projection.queryIndexes?.(this.db));
        tracked.bulkLoading = true;
      }
    })();
  }

  private finishBulkLoading(): void {
    const loaded = this.tracked.filter((t) => t.bulkLoading);
    if (loaded.length === 0) return;
    withoutFsync(
      this.db,
      this.db.transaction(() => {
        for (const tracked of loaded) {
          createQueryIndexes(this.db, tracked.projection.queryIndexes?.(this.db));
          tracked.bulkLoading = false;
        }
      }),
    );
  }

  private async halt(): Promise<void> {
    const { subscription, loop } = this;
    if (subscription === null || loop === null) return;
    await subscription.close();
    await loop;
  }

  private fail(error: unknown): Error {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.lastFailure = failure;
    this.currentStatus = 'failed';
    this.logger.error(`projection runner stopped: ${failure.message}`, failure);
    this.waiters.rejectAll(failure);
    this.options.onError?.(failure);
    return failure;
  }

  private select(names: readonly string[] | undefined): Tracked[] {
    if (names === undefined) return this.tracked;
    return names.map((name) => {
      const found = this.tracked.find((t) => t.projection.name === name);
      if (found === undefined) throw new Error(`no projection is named ${name}`);
      return found;
    });
  }

  private behind(position: number): string[] {
    return this.tracked
      .filter((t) => t.position === null || t.position < position)
      .map((t) => t.projection.name);
  }
}
