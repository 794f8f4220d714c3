import type { RecordedEvent } from '@blue-ledger/event-store';
import type { SqliteDatabase } from './sqlite/database';
import { applyingEvent } from './sqlite/event-being-applied';

/** An index that only serves queries: `apply` never needs it. */
export interface QueryIndex {
  name: string;
  table: string;
  /** Columns or expressions. */
  columns: readonly string[];
  /** A partial index: only the rows this condition holds for (e.g. the current versions). */
  where?: string;
}

/**
 * A read model fed by the ProjectionRunner. `apply` must be deterministic: it may use only the
 * event and what earlier events wrote (no clock, no randomness), so that a rebuild from
 * position 0 produces exactly the tables an incremental run produced.
 *
 * Every read model answers as of any global position P as well as now (`upTo` on its queries):
 * documents through a DocumentTable (versioned by the position of the event that made each
 * version), facts as rows that carry the position of their event (read with `position <= P`).
 * A table updated in place would only know now: use one of the two instead.
 */
export interface Projection {
  /** Stable name: the key of its checkpoint. */
  readonly name: string;
  /** Bump it when the tables or `apply` change: the runner then rebuilds it on start. */
  readonly version: number;
  /**
   * Indexes that only serve queries (on this database, once set up). While the projection is
   * rebuilt from position 0 the runner drops them and creates them again once caught up:
   * loading is much faster without them.
   */
  queryIndexes?(db: SqliteDatabase): readonly QueryIndex[];
  /** Creates its tables and indexes (query indexes included); idempotent. */
  setup(db: SqliteDatabase): void;
  /** Drops its tables. */
  reset(db: SqliteDatabase): void;
  /** Writes what the event changes; the runner wraps it in a transaction with the checkpoint. */
  apply(db: SqliteDatabase, event: RecordedEvent): void;
  /**
   * Optional: the same as `apply` on each event in turn, for a projection that keeps what it
   * reads and writes in memory for the length of one transaction (see `batched`). The runner
   * prefers it when present.
   */
  applyBatch?(db: SqliteDatabase, events: readonly RecordedEvent[]): void;
}

/** A projection's work within one transaction: one event, or a batch while catching up. */
export interface ProjectionSession {
  apply(event: RecordedEvent): void;
  /** Writes what the session held back. */
  flush(): void;
}

/** An error in a batch, with the event it happened on. */
export class EventApplyError extends Error {
  override readonly name = 'EventApplyError';
  constructor(
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** `apply` and `applyBatch` from a session opened once per transaction. */
export function batched(
  open: (db: SqliteDatabase) => ProjectionSession,
): Pick<Projection, 'apply' | 'applyBatch'> {
  const applyBatch = (db: SqliteDatabase, events: readonly RecordedEvent[]) => {
    const session = open(db);
    for (const event of events) {
      try {
        applyingEvent(db, event, () => session.apply(event));
      } catch (cause) {
        throw new EventApplyError(event, cause);
      }
    }
    session.flush();
  };
  return {
    applyBatch,
    apply: (db, event) => applyBatch(db, [event]),
  };
}

/** Applies one event to a projection, outside the runner (tests, tools): what the runner does. */
export function applyEvent(db: SqliteDatabase, projection: Projection, event: RecordedEvent): void {
  applyingEvent(db, event, () => projection.apply(db, event));
}

export function createQueryIndexes(db: SqliteDatabase, indexes: readonly QueryIndex[] = []): void {
  for (const { name, table, columns, where } of indexes) {
    const partial = where === undefined ? '' : ` WHERE ${where}`;
    db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${columns.join(', ')})${partial}`);
  }
}

export function dropQueryIndexes(db: SqliteDatabase, indexes: readonly QueryIndex[] = []): void {
  for (const { name } of indexes) db.exec(`DROP INDEX IF EXISTS ${name}`);
}
