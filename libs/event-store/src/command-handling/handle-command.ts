import { foldEvents, upcast, type Decider, type DomainEvent } from '@blue-ledger/domain';
import { chainEvents, GENESIS_HASH } from '@blue-ledger/integrity';
import { WrongExpectedRevisionError } from '../errors';
import type { EventStore, ProposedEvent, RecordedEvent } from '../event-store.port';
import type { IdSource } from './id-source';

export interface CommandContext {
  actor: { id: string; role: string };
  /** The ledger's clock when the command arrived. */
  now: string;
  correlationId: string;
  causationId: string;
  ids: IdSource;
  /** From If-Match: the write is conditional on the stream being at this revision. */
  expectedRevision?: bigint;
  /**
   * Rewrites a new event's data before it is hashed and appended (e.g. seals personal details
   * under their subjects' keys), so that what is hashed is what is stored.
   */
  sealData?: (eventId: string, data: Record<string, unknown>) => Record<string, unknown>;
}

export interface CommandResult {
  streamId: string;
  events: ProposedEvent[];
  /** Revision of the stream's last event after the command. */
  revision: bigint;
  position: bigint;
  /** The command had been applied already (a retry with the same Idempotency-Key). */
  alreadyApplied: boolean;
}

const MAX_ATTEMPTS = 5;

/**
 * The whole command path: read the stream, fold it, decide, chain the new events' hashes and
 * append with the exact revision that was read. A conditional write (If-Match) that is stale
 * is rejected; an unconditional one that loses a race is decided again on the fresh state,
 * never merged.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptCommand(store, streamId, decider, command, context);
    } catch (error) {
      const retry =
        error instanceof WrongExpectedRevisionError &&
        context.expectedRevision === undefined &&
        attempt < MAX_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

async function attemptCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
): Promise<CommandResult> {
  const history = await store.readStream(streamId);
  const applied = findAppliedBefore(history, streamId, context);
  if (applied) return applied;

  const last = history.at(-1);
  const currentRevision = last?.streamRevision;
  if (context.expectedRevision !== undefined && context.expectedRevision !== currentRevision) {
    throw new WrongExpectedRevisionError(
      streamId,
      context.expectedRevision,
      currentRevision ?? 'no_stream',
    );
  }

  const state = foldEvents(decider, history.map(upcast) as unknown as Event[]);
  const decided = decider.decide(command, state);
  const nextRevision = currentRevision === undefined ? 0n : currentRevision + 1n;
  const events = chainEvents(
    streamId,
    nextRevision,
    last?.hash ?? GENESIS_HASH,
    decided.map((event, index) => {
      const eventId = context.ids.eventId(streamId, index);
      const data = event.data as Record<string, unknown>;
      return {
        eventId,
        type: event.type,
        schemaVersion: decider.schemaVersions[event.type as Event['type']],
        data: context.sealData ? context.sealData(eventId, data) : data,
        recordedAt: context.now,
        ...(event.occurredAt !== undefined && { occurredAt: event.occurredAt }),
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
      };
    }),
  );
  const result = await store.appendToStream(streamId, events, {
    expectedRevision: currentRevision ?? 'no_stream',
  });
  return {
    streamId,
    events,
    revision: result.nextExpectedRevision,
    position: result.position,
    alreadyApplied: false,
  };
}

/** A retry of a command whose events are already in the stream answers as the first attempt did. */
function findAppliedBefore(
  history: RecordedEvent[],
  streamId: string,
  context: CommandContext,
): CommandResult | undefined {
  const firstId = context.ids.eventId(streamId, 0);
  const start = history.findIndex((event) => event.eventId === firstId);
  if (start < 0) return undefined;
  let end = start;
  while (
    end + 1 < history.length &&
    history[end + 1].eventId === context.ids.eventId(streamId, end + 1 - start)
  ) {
    end++;
  }
  const events = history.slice(start, end + 1);
  const lastEvent = events[events.length - 1];
  return {
    streamId,
    events,
    revision: lastEvent.streamRevision,
    position: lastEvent.globalPosition,
    alreadyApplied: true,
  };
}
