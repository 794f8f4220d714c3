import type { Database, Statement } from 'better-sqlite3';
import type { Direction, EventFilter, ProposedEvent, RecordedEvent } from '../event-store.port';
import { filterCondition } from './event-filter-sql';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '../event-row';
import { insertParameters } from './event-row';

/** Largest value an SQLite INTEGER holds: "up to the end" for positions and revisions. */
export const MAX_INTEGER = 9223372036854775807n;

export interface StoredEventId {
  stream_id: string;
  stream_revision: bigint;
  global_position: bigint;
}

export interface PositionRange {
  /** Inclusive. */
  from: bigint;
  /** Inclusive. */
  through: bigint;
  direction: Direction;
  filter?: EventFilter;
  /** Negative for no limit. */
  limit: number;
}

const order = (direction: Direction) => (direction === 'forwards' ? 'ASC' : 'DESC');

/**
 * Every statement the store runs, prepared once per connection. Integers come back as bigint
 * (`safeIntegers`) because positions and revisions are bigint on the port; the connection's
 * default stays untouched, since read models may share it.
 */
export class EventStatements {
  private readonly insertEvent: Statement<unknown[], unknown>;
  private readonly findEventId: Statement<[string], StoredEventId>;
  private readonly lastOfStream: Statement<[string], StoredEventId>;
  private readonly headOfAll: Statement<[], { head: bigint | null }>;
  private readonly streamReads: Record<Direction, Statement<[string, bigint, number], EventRow>>;
  private readonly rangeReads = new Map<string, Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database) {
    this.insertEvent = this.prepare(
      `INSERT INTO events (${EVENT_COLUMNS.replace('global_position, ', '')})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.findEventId = this.prepare(
      'SELECT stream_id, stream_revision, global_position FROM events WHERE event_id = ?',
    );
    this.lastOfStream = this.prepare(
      `SELECT stream_id, stream_revision, global_position FROM events
       WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1`,
    );
    this.headOfAll = this.prepare('SELECT MAX(global_position) AS head FROM events');
    this.streamReads = {
      forwards: this.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_revision >= ?
         ORDER BY stream_revision ASC LIMIT ?`,
      ),
      backwards: this.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_revision <= ?
         ORDER BY stream_revision DESC LIMIT ?`,
      ),
    };
  }

  /** Returns the global position of the inserted event. */
  insert(streamId: string, streamRevision: bigint, event: ProposedEvent): bigint {
    const { lastInsertRowid } = this.insertEvent.run(
      ...insertParameters(streamId, streamRevision, event),
    );
    return BigInt(lastInsertRowid);
  }

  findByEventId(eventId: string): StoredEventId | undefined {
    return this.findEventId.get(eventId);
  }

  lastEventOf(streamId: string): StoredEventId | undefined {
    return this.lastOfStream.get(streamId);
  }

  headPosition(): bigint | null {
    return this.headOfAll.get()?.head ?? null;
  }

  readStream(streamId: string, from: bigint, direction: Direction, limit: number): RecordedEvent[] {
    return this.streamReads[direction].all(streamId, from, limit).map(toRecordedEvent);
  }

  readRange({ from, through, direction, filter, limit }: PositionRange): RecordedEvent[] {
    const condition = filterCondition(filter);
    const key = `${direction}:${condition.shape}`;
    let statement = this.rangeReads.get(key);
    if (!statement) {
      statement = this.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE global_position BETWEEN ? AND ?${condition.sql}
         ORDER BY global_position ${order(direction)} LIMIT ?`,
      );
      this.rangeReads.set(key, statement);
    }
    return statement.all(from, through, ...condition.parameters, limit).map(toRecordedEvent);
  }

  private prepare<P extends unknown[], R>(sql: string): Statement<P, R> {
    return this.db.prepare<P, R>(sql).safeIntegers(true);
  }
}
