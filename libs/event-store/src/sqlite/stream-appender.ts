import type { Database, Transaction } from 'better-sqlite3';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, ExpectedRevision, ProposedEvent } from '../event-store.port';
import type { EventStatements, StoredEventId } from './event-statements';

/** One `appendToStream` call, as it waits for its group. */
export interface AppendRequest {
  streamId: string;
  events: ProposedEvent[];
  expected: ExpectedRevision;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * The writes of appends, on the store's connection. A group of appends commits in one
 * transaction (one fsync); each append runs in a savepoint of its own inside it, checked
 * against its own expected revision and the ids already stored (including those of the
 * appends before it in the group), so that one that fails leaves no trace and the others commit.
 */
export class StreamAppender {
  private readonly appendInSavepoint: Transaction<(request: AppendRequest) => AppendResult>;
  private readonly groupTransaction: Transaction<(group: AppendRequest[]) => AppendOutcome[]>;

  constructor(
    db: Database,
    private readonly statements: EventStatements,
  ) {
    // better-sqlite3 runs a transaction function called inside a transaction as a savepoint,
    // rolled back to (and released) when the function throws.
    this.appendInSavepoint = db.transaction((request: AppendRequest) => this.append(request));
    this.groupTransaction = db.transaction((group: AppendRequest[]) =>
      group.map((request): AppendOutcome => {
        try {
          return { ok: true, result: this.appendInSavepoint(request) };
        } catch (error) {
          // Some errors (a full disk, an I/O error) make SQLite roll the whole transaction
          // back: then nothing of the group stands, and the group fails as a whole.
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  /**
   * Commits the group in one `BEGIN IMMEDIATE` transaction, durably (the connection's
   * `synchronous = FULL`), and tells each append what became of it. Throws, having committed
   * nothing, when the transaction itself fails (the write lock not obtained, the disk failing).
   */
  commitGroup(group: AppendRequest[]): AppendOutcome[] {
    return this.groupTransaction.immediate(group);
  }

  /** Appends inside a transaction the caller opened on the shared connection (it commits it). */
  appendInOpenTransaction(request: AppendRequest): AppendResult {
    return this.appendInSavepoint(request);
  }

  private append({ streamId, events, expected }: AppendRequest): AppendResult {
    return this.alreadyAppended(streamId, events) ?? this.insert(streamId, events, expected);
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
