import type { LedgerEvent } from '@blue-ledger/domain';
import type { Actor, EventStore, ProposedEvent, RecordedEvent } from '@blue-ledger/event-store';
import { applyEvent, type Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';

export interface EnvelopeOptions {
  /** Defaults to one minute after the previous event. */
  recordedAt?: string;
  occurredAt?: string;
  actor?: Actor;
}

const MINUTE = 60_000;

/**
 * Builds recorded events in a global order, as a store would hand them out, for "given these
 * events" tests. Positions step by 10, as the in-memory store's do.
 */
export class LedgerHistory {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();
  private clock: number;

  constructor(start = '2016-01-01T00:00:00.000Z') {
    this.clock = Date.parse(start) - MINUTE;
  }

  record(streamId: string, event: LedgerEvent, options: EnvelopeOptions = {}): RecordedEvent {
    this.clock = options.recordedAt ? Date.parse(options.recordedAt) : this.clock + MINUTE;
    const revision = (this.revisions.get(streamId) ?? -1n) + 1n;
    this.revisions.set(streamId, revision);
    const n = this.events.length + 1;
    const recorded: RecordedEvent = {
      eventId: `event-${n}`,
      type: event.type,
      schemaVersion: 1,
      data: event.data as unknown as Record<string, unknown>,
      recordedAt: options.recordedAt ?? new Date(this.clock).toISOString(),
      actor: options.actor ?? { id: 'investigator-1', role: 'investigator' },
      correlationId: `correlation-${n}`,
      causationId: `causation-${n}`,
      prevHash: `hash-${n - 1}`,
      hash: `hash-${n}`,
      streamId,
      streamRevision: revision,
      globalPosition: BigInt(n * 10),
    };
    const occurredAt = options.occurredAt ?? event.occurredAt;
    if (occurredAt !== undefined) recorded.occurredAt = occurredAt;
    this.events.push(recorded);
    return recorded;
  }
}

export function proposedOf(event: RecordedEvent): ProposedEvent {
  const {
    streamId: _streamId,
    streamRevision: _revision,
    globalPosition: _position,
    ...proposed
  } = event;
  return proposed;
}

/** Appends the events to a store one by one, in their order. */
export async function appendAll(store: EventStore, events: RecordedEvent[]): Promise<void> {
  for (const event of events) await store.appendToStream(event.streamId, [proposedOf(event)]);
}

/** Sets the projection up on the database and applies the events, in one transaction. */
export function project(db: SqliteDatabase, projection: Projection, events: RecordedEvent[]): void {
  db.transaction(() => {
    projection.setup(db);
    events.forEach((event) => applyEvent(db, projection, event));
  })();
}
