import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  ProposedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { AppendSignal } from '../append-signal';
import { configureConnection } from './sqlite-connection';
import { EventStatements, MAX_INTEGER, type StoredEventId } from './event-statements';
import { migrateEventSchema } from './sqlite-schema';
import { SqliteSubscription } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  /** How often a live subscription looks for appends by other processes. Default 50 ms. */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Events read per query while a subscription catches up. Default 500. */
  catchUpPageSize?: number;
}

const clamp = (value: bigint): bigint =>
  value < 0n ? 0n : value > MAX_INTEGER ? MAX_INTEGER : value;

function limitOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}

/**
 * The embedded event store: one SQLite file, WAL, durable on acknowledgement. Several
 * processes may open and append to the same file; their appends reach each other's
 * subscriptions through polling.
 */
export class SqliteEventStore implements EventStore {
  private readonly appended = new AppendSignal();
  private readonly statements: EventStatements;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly pollIntervalMs: number;
  private readonly catchUpPageSize: number;
  private readonly appendInTransaction: (
    streamId: string,
    events: ProposedEvent[],
    expected: ExpectedRevision,
  ) => AppendResult;

  /** Opens (and creates, if needed) the event store in the file at `filePath`. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const db = new BetterSqlite3(filePath, { timeout: options.busyTimeoutMs ?? 5000 });
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
    configureConnection(db, options.busyTimeoutMs ?? 5000);
    migrateEventSchema(db);
    this.statements = new EventStatements(db);
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.catchUpPageSize = options.catchUpPageSize ?? 500;
    this.appendInTransaction = db.transaction(
      (streamId: string, events: ProposedEvent[], expected: ExpectedRevision) =>
        this.alreadyAppended(streamId, events) ?? this.insert(streamId, events, expected),
    ).immediate;
  }

  async appendToStream(
    streamId: string,
    events: ProposedEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('an append needs at least one event');
    const seen = new Set<string>();
    for (const { eventId } of events) {
      if (seen.has(eventId)) throw new DuplicateEventIdError(eventId, 'appears twice in one batch');
      seen.add(eventId);
    }
    const result = this.appendInTransaction(streamId, events, options.expectedRevision ?? 'any');
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
    const subscription: SqliteSubscription = new SqliteSubscription(
      {
        headPosition: () => this.statements.headPosition(),
        readRange: (range) => this.statements.readRange(range),
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

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.ownsConnection && this.db.open) this.db.close();
  }

  /**
   * The result of the original append when every id of the batch already stands, in order, in
   * this stream; `undefined` when none does; an error when only some do, or elsewhere.
   */
  private alreadyAppended(streamId: string, events: ProposedEvent[]): AppendResult | undefined {
    const stored = events.map((event) => this.statements.findByEventId(event.eventId));
    const found = stored.filter((row): row is StoredEventId => row !== undefined);
    if (found.length === 0) return undefined;
    const first = found[0];
    const isTheSameBatch =
      found.length === events.length &&
      found.every(
        (row, i) =>
          row.stream_id === streamId && row.stream_revision === first.stream_revision + BigInt(i),
      );
    if (!isTheSameBatch) {
      const index = stored.findIndex((row) => row !== undefined);
      const row = stored[index] as StoredEventId;
      throw new DuplicateEventIdError(
        events[index].eventId,
        `already appended to ${row.stream_id} at revision ${row.stream_revision}; ` +
          'a retried batch must repeat the original batch exactly',
      );
    }
    const last = found[found.length - 1];
    return { nextExpectedRevision: last.stream_revision, position: last.global_position };
  }

  private insert(
    streamId: string,
    events: ProposedEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const current = this.statements.lastEventOf(streamId)?.stream_revision ?? 'no_stream';
    if (!satisfies(expected, current)) {
      throw new WrongExpectedRevisionError(streamId, expected, current);
    }
    const firstRevision = current === 'no_stream' ? 0n : current + 1n;
    let position = 0n;
    events.forEach((event, i) => {
      position = this.statements.insert(streamId, firstRevision + BigInt(i), event);
    });
    return { nextExpectedRevision: firstRevision + BigInt(events.length - 1), position };
  }
}

function satisfies(expected: ExpectedRevision, current: bigint | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}
