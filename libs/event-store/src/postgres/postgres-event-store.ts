import type { Pool } from 'pg';
import { AppendSignal } from '../append-signal';
import { CatchUpSubscription } from '../catch-up-subscription';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../errors';
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
import { cancellableDelay, reconnectDelayMs } from '../reconnect-backoff';
import { AppendNotifications } from './append-notifications';
import { type ConnectionSettings, createPool, isConnectionFailure } from './connection';
import { EventQueries, MAX_BIGINT } from './event-queries';
import { EVENT_MIGRATIONS } from './event-schema';
import { runMigrations } from './schema-migrations';
import { quotedSchema } from './sql-names';
import { readLimitOf } from '../read-limit';

export interface PostgresEventStoreOptions {
  /** The schema of the store's tables; created when missing. Default `public`. */
  schema?: string;
  /** Connections in the store's pool. Default 10. */
  poolSize?: number;
  /** How long opening a connection may take. Default 5000 ms. */
  connectTimeoutMs?: number;
  /**
   * Wake live subscriptions with LISTEN/NOTIFY. Default true; turn it off behind a pooler that
   * cannot LISTEN (PgBouncer in transaction mode): subscriptions then only poll.
   */
  listen?: boolean;
  /** How often a live subscription looks anyway, in case a notification was lost. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Events read per query while a subscription catches up. Default 500. */
  catchUpPageSize?: number;
  /** Tries of an operation while the server cannot be reached, 50 ms apart and more. Default 4. */
  attempts?: number;
}

const clamp = (value: bigint): bigint =>
  value < 0n ? 0n : value > MAX_BIGINT ? MAX_BIGINT : value;

/**
 * Events are hashed as the writer gave them; a database in another encoding would refuse
 * characters, or (SQL_ASCII) store bytes it cannot compare or filter by.
 */
async function assertUtf8(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ encoding: string }>(
    `SELECT current_setting('server_encoding') AS encoding`,
  );
  if (rows[0].encoding !== 'UTF8') {
    throw new Error(
      `the event store needs a UTF-8 database; this one is ${rows[0].encoding} (CREATE DATABASE ... ENCODING 'UTF8')`,
    );
  }
}

const limitOf = (maxCount: number | undefined) => readLimitOf(maxCount) ?? null;

/**
 * The event store on PostgreSQL, shared by any number of processes through `DATABASE_URL`.
 *
 * - Global order: one write lock per events table, so positions commit in order and a cursor
 *   on positions never skips an event that committed late (see `event-schema.ts`).
 * - Appends: one call of `append_to_stream`, one round trip and one transaction; committed
 *   with `synchronous_commit = on` before they are acknowledged (see `connection.ts`).
 * - Live subscriptions: LISTEN/NOTIFY, with a poll as the fallback.
 * - The schema is migrated at `open`, safely when several processes open it at once.
 * - A lost server is retried a few times, then the operation fails with
 *   EventStoreUnavailableError; the pool reconnects by itself when the server is back.
 *   Appends are safe to retry: a batch whose ids already stand answers with its result.
 */
export class PostgresEventStore implements EventStore {
  private readonly appended = new AppendSignal();
  private readonly queries: EventQueries;
  private readonly notifications: AppendNotifications | undefined;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private readonly catchUpPageSize: number;
  private readonly attempts: number;
  /** The last error of an idle pooled connection; kept for diagnosis. */
  lastIdleError: unknown;

  /** Connects, migrates the schema and returns the store. */
  static async open(
    connectionString: string,
    options: PostgresEventStoreOptions = {},
  ): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    quotedSchema(schema);
    const settings: ConnectionSettings = {
      connectionString,
      poolSize: options.poolSize ?? 10,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      applicationName: `blue-ledger ${schema}`,
    };
    const store = new PostgresEventStore(settings, schema, options);
    try {
      await assertUtf8(store.pool);
      await runMigrations(store.pool, schema, 'events', EVENT_MIGRATIONS);
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** The store's pool, for whatever else lives in the same database (it closes with the store). */
  readonly pool: Pool;

  private constructor(
    settings: ConnectionSettings,
    readonly schema: string,
    options: PostgresEventStoreOptions,
  ) {
    this.pool = createPool(settings, (error) => (this.lastIdleError = error));
    this.queries = new EventQueries(this.pool, quotedSchema(schema));
    this.notifications =
      options.listen === false
        ? undefined
        : new AppendNotifications(
            { ...settings, applicationName: `blue-ledger listen ${schema}` },
            schema,
            this.appended,
          );
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.catchUpPageSize = options.catchUpPageSize ?? 500;
    this.attempts = Math.max(1, options.attempts ?? 4);
  }

  /** The LISTEN connection, when subscriptions use one (for tests and diagnosis). */
  get listener():
    Pick<AppendNotifications, 'listening' | 'backendPid' | 'connections'> | undefined {
    return this.notifications;
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
    const expected = options.expectedRevision ?? 'any';
    const result = await this.retrying(`append to ${streamId}`, () =>
      this.queries.append(streamId, events, expected),
    );
    switch (result.outcome) {
      case 'appended':
        this.appended.notify();
        return { nextExpectedRevision: result.revision, position: result.position };
      case 'already_appended':
        return { nextExpectedRevision: result.revision, position: result.position };
      case 'conflict':
        throw new WrongExpectedRevisionError(streamId, expected, result.actual);
      case 'duplicate':
        throw new DuplicateEventIdError(
          result.eventId,
          `already appended to ${result.streamId} at revision ${result.revision}; ` +
            'a retried batch must repeat the original batch exactly',
        );
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const fromRevision = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const from =
      fromRevision === 'start' ? 0n : fromRevision === 'end' ? MAX_BIGINT : clamp(fromRevision);
    const limit = limitOf(options.maxCount);
    return this.retrying(`read ${streamId}`, () =>
      this.queries.readStream(streamId, from, direction, limit),
    );
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const fromPosition = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    const from =
      fromPosition === 'start' ? 0n : fromPosition === 'end' ? MAX_BIGINT : clamp(fromPosition);
    const limit = limitOf(options.maxCount);
    return this.retrying('read all', () =>
      this.queries.readRange({
        from: direction === 'forwards' ? from : 0n,
        through: direction === 'forwards' ? MAX_BIGINT : from,
        direction,
        filter: options.filter,
        limit,
      }),
    );
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const fromPosition = options.fromPosition ?? 'start';
    this.notifications?.start();
    // Woken by NOTIFY from any process and by appends in this one; the poll timer is the
    // fallback when a notification is lost. When the server goes away the loop waits and goes
    // on from its cursor on a new connection: nothing skipped, nothing delivered twice.
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      {
        headPosition: () => this.queries.headPosition(),
        readBatch: (batch) => this.queries.readRange({ ...batch, direction: 'forwards' }),
        appended: this.appended,
        isTransient: isConnectionFailure,
      },
      {
        after: fromPosition === 'start' ? 0n : fromPosition === 'end' ? 'end' : clamp(fromPosition),
        filter: options.filter,
        pollIntervalMs: this.pollIntervalMs,
        pageSize: this.catchUpPageSize,
        onClose: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<bigint | null> {
    return this.retrying('read the head position', () => this.queries.headPosition());
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.notifications?.close();
    if (!this.pool.ended) await this.pool.end();
  }

  /**
   * Runs an operation, again on a new connection while the server cannot be reached, then
   * gives up with EventStoreUnavailableError. Safe for appends too: see the class comment.
   */
  private async retrying<T>(operation: string, run: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      try {
        return await run();
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        if (failures + 1 >= this.attempts) throw new EventStoreUnavailableError(operation, error);
        await cancellableDelay(reconnectDelayMs(failures), () => undefined);
      }
    }
  }
}
