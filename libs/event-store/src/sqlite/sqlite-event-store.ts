import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DuplicateEventIdError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ProposedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { AppendSignal } from '../append-signal';
import { CatchUpSubscription } from '../catch-up-subscription';
import { configureConnection } from './sqlite-connection';
import { EventStatements, MAX_INTEGER } from './event-statements';
import { GroupCommit } from './group-commit';
import { migrateEventSchema, requireCurrentSchema } from './sqlite-schema';
import { StreamAppender, type AppendRequest } from './stream-appender';
import { readLimitOf } from '../read-limit';

export interface SqliteEventStoreOptions {
  /** How often a live subscription looks for appends by other processes. Default 50 ms. */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Events read per query while a subscription catches up. Default 500. */
  catchUpPageSize?: number;
  /** Most appends committed together in one transaction. Default 1000. */
  maxGroupSize?: number;
  /**
   * Opens an existing file for reading only (`open`): no migration, no append; e.g. for the
   * threads of a verification, beside the process that writes.
   */
  readOnly?: boolean;
}

/** Thrown by an append made once `close` was called. */
export class EventStoreClosedError extends Error {
  override readonly name = 'EventStoreClosedError';
  constructor() {
    super('the event store is closed');
  }
}

const clamp = (value: bigint): bigint =>
  value < 0n ? 0n : value > MAX_INTEGER ? MAX_INTEGER : value;

const limitOf = (maxCount: number | undefined) => readLimitOf(maxCount) ?? -1;

/**
 * The embedded event store: one SQLite file, WAL, durable on acknowledgement. Appends are
 * committed in groups (see `GroupCommit`): one transaction and one fsync for all the appends
 * that arrived while the last group was committing, each checked on its own. Several processes
 * may open and append to the same file; their appends reach each other's subscriptions through
 * polling.
 */
export class SqliteEventStore implements EventStore {
  private readonly appended = new AppendSignal();
  private readonly statements: EventStatements;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private readonly catchUpPageSize: number;
  private readonly appender: StreamAppender;
  private readonly groupCommit: GroupCommit;
  private closed = false;

  /** Opens (and creates, if needed) the event store in the file at `filePath`. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const db = new BetterSqlite3(filePath, {
      timeout: options.busyTimeoutMs ?? 5000,
      ...(options.readOnly && { readonly: true, fileMustExist: true }),
    });
    try {
      return new SqliteEventStore(db, options, true);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Uses a connection the caller opened, e.g. to share the file with read models. Closing the
   * store then leaves the connection open: its owner closes it.
   */
  constructor(
    readonly db: Database,
    options: SqliteEventStoreOptions = {},
    private readonly ownsConnection = false,
  ) {
    if (db.readonly) requireCurrentSchema(db);
    else {
      configureConnection(db, options.busyTimeoutMs ?? 5000);
      migrateEventSchema(db);
    }
    this.statements = new EventStatements(db);
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.catchUpPageSize = options.catchUpPageSize ?? 500;
    this.appender = new StreamAppender(db, this.statements);
    this.groupCommit = new GroupCommit({
      commit: (group) => this.appender.commitGroup(group),
      canBegin: () => !db.inTransaction,
      committed: () => this.appended.notify(),
      maxGroupSize: Math.max(1, options.maxGroupSize ?? 1000),
    });
  }

  /**
   * Queues the append for the next group commit and resolves once it is on disk. Called while
   * a transaction the caller opened on a shared connection is open (a bulk load), the append
   * joins that transaction instead, at once, and is durable when the caller commits it.
   */
  async appendToStream(
    streamId: string,
    events: ProposedEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (this.closed) throw new EventStoreClosedError();
    if (this.db.readonly) throw new TypeError('this event store was opened for reading only');
    if (events.length === 0) throw new RangeError('an append needs at least one event');
    const seen = new Set<string>();
    for (const { eventId } of events) {
      if (seen.has(eventId)) throw new DuplicateEventIdError(eventId, 'appears twice in one batch');
      seen.add(eventId);
    }
    const request: AppendRequest = {
      streamId,
      events,
      expected: options.expectedRevision ?? 'any',
    };
    if (!this.db.inTransaction) return this.groupCommit.submit(request);
    const result = this.appender.appendInOpenTransaction(request);
    this.appended.notify();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const fromRevision = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const from =
      fromRevision === 'start' ? 0n : fromRevision === 'end' ? MAX_INTEGER : clamp(fromRevision);
    return this.statements.readStream(streamId, from, direction, limitOf(options.maxCount));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const fromPosition = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    const from =
      fromPosition === 'start' ? 0n : fromPosition === 'end' ? MAX_INTEGER : clamp(fromPosition);
    return this.statements.readRange({
      from: direction === 'forwards' ? from : 0n,
      through: direction === 'forwards' ? MAX_INTEGER : from,
      direction,
      filter: options.filter,
      limit: limitOf(options.maxCount),
    });
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const fromPosition = options.fromPosition ?? 'start';
    const after =
      fromPosition === 'start'
        ? 0n
        : fromPosition === 'end'
          ? (this.statements.headPosition() ?? 0n)
          : clamp(fromPosition);
    // Waiting ends on an append in this process or on the poll timer (appends by other
    // processes on the same file).
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      {
        headPosition: () => this.statements.headPosition(),
        readBatch: (batch) => this.statements.readRange({ ...batch, direction: 'forwards' }),
        appended: this.appended,
      },
      {
        after,
        filter: options.filter,
        pollIntervalMs: this.pollIntervalMs,
        pageSize: this.catchUpPageSize,
        onClose: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint | null> {
    return this.statements.headPosition();
  }

  /** How many group transactions this store ran, and how many appends they held. */
  groupCommitStats(): { groups: number; appends: number } {
    return this.groupCommit.stats;
  }

  /** Commits what is queued, then ends the subscriptions (and closes the connection it opened). */
  async close(): Promise<void> {
    this.closed = true;
    await this.groupCommit.whenIdle();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.ownsConnection && this.db.open) this.db.close();
  }
}
