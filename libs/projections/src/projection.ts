import type { RecordedEvent } from '@blue-ledger/event-store';
import type { SqliteDatabase } from './sqlite/database';

/**
 * A read model fed by the ProjectionRunner. `apply` must be deterministic: it may use only the
 * event and what earlier events wrote (no clock, no randomness), so that a rebuild from
 * position 0 produces exactly the tables an incremental run produced.
 */
export interface Projection {
  /** Stable name: the key of its checkpoint. */
  readonly name: string;
  /** Bump it when the tables or `apply` change: the runner then rebuilds it on start. */
  readonly version: number;
  /** Creates its tables and indexes; idempotent. */
  setup(db: SqliteDatabase): void;
  /** Drops its tables. */
  reset(db: SqliteDatabase): void;
  /** Writes what the event changes; the runner wraps it in a transaction with the checkpoint. */
  apply(db: SqliteDatabase, event: RecordedEvent): void;
}
