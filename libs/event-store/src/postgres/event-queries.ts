import { createHash } from 'node:crypto';
import type { ClientBase, Pool, QueryConfig, QueryResultRow } from 'pg';
import type {
  Direction,
  EventFilter,
  ExpectedRevision,
  ProposedEvent,
  RecordedEvent,
} from '../event-store.port';
import { filterCondition } from './event-filter-sql';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '../event-row';
import { batchColumns } from './event-row';

/** Largest bigint: "up to the end" for positions and revisions. */
export const MAX_BIGINT = 9223372036854775807n;

export interface PositionRange {
  /** Inclusive. */
  from: bigint;
  /** Inclusive. */
  through: bigint;
  direction: Direction;
  filter?: EventFilter;
  /** null for no limit. */
  limit: number | null;
}

export type AppendOutcome =
  | { outcome: 'appended' | 'already_appended'; revision: bigint; position: bigint }
  | { outcome: 'conflict'; actual: bigint | 'no_stream' }
  | { outcome: 'duplicate'; eventId: string; streamId: string; revision: bigint };

interface AppendRow {
  outcome: AppendOutcome['outcome'];
  stream_revision: string | null;
  global_position: string | null;
  event_id: string | null;
  stream_id: string | null;
}

/** The stream, the expected revision (kind and number), then the batch's 12 columns. */
const APPEND_PARAMETERS = Array.from({ length: 15 }, (_, i) => `$${i + 1}`).join(', ');

const order = (direction: Direction) => (direction === 'forwards' ? 'ASC' : 'DESC');

/**
 * Every statement the store runs, on the pool. Each is a named prepared statement (named after
 * its text), parsed once per connection.
 */
export class EventQueries {
  constructor(
    /** The store's pool; a client of its own in tests that hold a transaction open. */
    private readonly pool: Pool | ClientBase,
    /** Quoted. */
    private readonly schema: string,
  ) {}

  async append(
    streamId: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendOutcome> {
    const kind = typeof expected === 'bigint' ? 'revision' : expected;
    const [row] = await this.query<AppendRow>(
      `SELECT outcome, stream_revision, global_position, event_id, stream_id
       FROM ${this.schema}.append_to_stream(${APPEND_PARAMETERS})`,
      [streamId, kind, typeof expected === 'bigint' ? expected : null, ...batchColumns(events)],
    );
    const revision = row.stream_revision === null ? null : BigInt(row.stream_revision);
    switch (row.outcome) {
      case 'appended':
      case 'already_appended':
        return {
          outcome: row.outcome,
          revision: revision as bigint,
          position: BigInt(row.global_position as string),
        };
      case 'conflict':
        return { outcome: 'conflict', actual: revision ?? 'no_stream' };
      case 'duplicate':
        return {
          outcome: 'duplicate',
          eventId: row.event_id as string,
          streamId: row.stream_id as string,
          revision: revision as bigint,
        };
    }
  }

  async readStream(
    streamId: string,
    from: bigint,
    direction: Direction,
    limit: number | null,
  ): Promise<RecordedEvent[]> {
    const bound = direction === 'forwards' ? '>=' : '<=';
    const rows = await this.query<EventRow<string, number>>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.schema}.events
       WHERE stream_id = $1 AND stream_revision ${bound} $2
       ORDER BY stream_revision ${order(direction)} LIMIT $3`,
      [streamId, from, limit],
    );
    return rows.map(toRecordedEvent);
  }

  async readRange({ from, through, direction, filter, limit }: PositionRange) {
    const condition = filterCondition(filter, 4);
    const rows = await this.query<EventRow<string, number>>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.schema}.events
       WHERE global_position BETWEEN $1 AND $2${condition.sql}
       ORDER BY global_position ${order(direction)} LIMIT $3`,
      [from, through, limit, ...condition.parameters],
    );
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<bigint | null> {
    const [row] = await this.query<{ head: string | null }>(
      `SELECT max(global_position) AS head FROM ${this.schema}.events`,
      [],
    );
    return row.head === null ? null : BigInt(row.head);
  }

  private async query<Row extends QueryResultRow>(text: string, values: unknown[]) {
    const config: QueryConfig = { name: statementName(text), text, values };
    const result = await this.pool.query<Row>(config);
    return result.rows;
  }
}

const names = new Map<string, string>();

/** A prepared statement's name, from its text: the same text is parsed once per connection. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `bl_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
