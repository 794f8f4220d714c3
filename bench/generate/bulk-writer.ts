import { foldEvents, upcast, type Decider, type DomainEvent } from '@blue-ledger/domain';
import type { Actor, SqliteEventStore } from '@blue-ledger/event-store';
import { chainEvents, GENESIS_HASH } from '@blue-ledger/integrity';
import type { StepWriter } from './story-step';
import type { SeededRandom } from './seeded-random';

/** Commands that start a stream: the stream cannot exist yet, so there is nothing to read. */
const CREATIONS = new Set(['ReportIncident', 'OpenInvestigation', 'DecideRepatriation']);

const EMPTY: Omit<StreamHead, 'state'> = { revision: undefined, hash: GENESIS_HASH };

interface StreamHead {
  state: unknown;
  revision: bigint | undefined;
  hash: string;
}

/**
 * The generator's own command path, for the bulk fill only: the deciders decide on states kept
 * in memory, and the events, properly chained, go straight to the store in large transactions
 * (the measured command path is `CommandPath`, elsewhere). The clock is simulated and moves
 * forward by a random few seconds per command.
 */
export class BulkWriter implements StepWriter {
  private readonly heads = new Map<string, StreamHead>();
  private clockMs: number;
  private clockText = '';
  private inTransaction = 0;
  eventsWritten = 0;

  constructor(
    private readonly store: SqliteEventStore,
    private readonly rnd: SeededRandom,
    startMs: number,
    private readonly eventsPerTransaction = 20_000,
  ) {
    this.clockMs = startMs;
  }

  get nowMs(): number {
    return this.clockMs;
  }

  get now(): string {
    return (this.clockText ||= new Date(this.clockMs).toISOString());
  }

  meta(actor: Actor) {
    return { now: this.now, actor };
  }

  async apply<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: Command,
  ): Promise<State> {
    const creates = CREATIONS.has((command as { type: string }).type);
    const head =
      this.heads.get(streamId) ??
      (creates ? { ...EMPTY, state: decider.initialState } : await this.load(streamId, decider));
    const decided = decider.decide(command, head.state as State);
    const next = head.revision === undefined ? 0n : head.revision + 1n;
    const events = chainEvents(
      streamId,
      next,
      head.hash,
      decided.map((event) => ({
        eventId: this.rnd.uuid(this.clockMs),
        type: event.type,
        schemaVersion: decider.schemaVersions[event.type as Event['type']],
        data: event.data as Record<string, unknown>,
        recordedAt: this.now,
        ...(event.occurredAt !== undefined && { occurredAt: event.occurredAt }),
        actor: (command as { meta: { actor: Actor } }).meta.actor,
        correlationId: this.rnd.uuid(this.clockMs),
        causationId: this.rnd.uuid(this.clockMs),
      })),
    );
    if (this.inTransaction === 0) this.store.db.exec('BEGIN');
    await this.store.appendToStream(streamId, events, {
      expectedRevision: head.revision ?? 'no_stream',
    });
    const state = decided.reduce(decider.evolve, head.state as State);
    this.heads.set(streamId, {
      state,
      revision: next + BigInt(events.length - 1),
      hash: events[events.length - 1].hash,
    });
    this.eventsWritten += events.length;
    this.inTransaction += events.length;
    if (this.inTransaction >= this.eventsPerTransaction) this.commit();
    this.clockMs += this.rnd.int(1, 90) * 1000;
    this.clockText = '';
    return state;
  }

  /** Streams no story will touch again need not stay in memory. */
  forget(streamIds: readonly string[]): void {
    for (const streamId of streamIds) this.heads.delete(streamId);
  }

  commit(): void {
    if (this.inTransaction > 0 || this.store.db.inTransaction) this.store.db.exec('COMMIT');
    this.inTransaction = 0;
  }

  private async load<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
  ): Promise<StreamHead> {
    const history = await this.store.readStream(streamId);
    const last = history.at(-1);
    return {
      state: foldEvents(decider, history.map(upcast) as unknown as Event[]),
      revision: last?.streamRevision,
      hash: last?.hash ?? GENESIS_HASH,
    };
  }
}
