import { foldEvents, upcast, type Decider, type DomainEvent } from '@blue-ledger/domain';
import { chainEvents, GENESIS_HASH } from '@blue-ledger/integrity';
import { WrongExpectedRevisionError } from '../errors';
import type { EventStore, ProposedEvent, RecordedEvent } from '../event-store.port';
import type { IdSource } from './id-source';
import type { CachedStream, StreamStateCache } from './stream-state-cache';

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
 * never merged. With a `cache`, a stream folded before is read only from its cached revision on.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
  cache?: StreamStateCache,
): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptCommand(store, streamId, decider, command, context, cache);
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
  cache: StreamStateCache | undefined,
): Promise<CommandResult> {
  const current = await readCurrent(store, streamId, decider, context, cache);
  if ('applied' in current) return current.applied;

  const { state, revision: currentRevision, lastHash } = current;
  if (context.expectedRevision !== undefined && context.expectedRevision !== currentRevision) {
    throw new WrongExpectedRevisionError(
      streamId,
      context.expectedRevision,
      currentRevision ?? 'no_stream',
    );
  }

  const decided = decider.decide(command, state);
  const nextRevision = currentRevision === undefined ? 0n : currentRevision + 1n;
  const events = chainEvents(
    streamId,
    nextRevision,
    lastHash,
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

interface StreamAtRead<State> {
  state: State;
  /** Undefined when the stream has no events. */
  revision: bigint | undefined;
  lastHash: string;
}

/**
 * The stream's state as of now: from the cache plus the events appended since (by anyone), or
 * folded from a full read when it is not cached or the cache cannot tell whether the command
 * was applied before (its first event id is among the cached events).
 */
async function readCurrent<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<unknown, Event, State>,
  context: CommandContext,
  cache: StreamStateCache | undefined,
): Promise<StreamAtRead<State> | { applied: CommandResult }> {
  const cached = cache?.get<State>(streamId, decider);
  if (cached && !cached.eventIds.has(context.ids.eventId(streamId, 0))) {
    const fromRevision = cached.revision + 1n;
    const tail = await store.readStream(streamId, { fromRevision });
    if (tail.length === 0 || tail[0].streamRevision === fromRevision) {
      const applied = findAppliedBefore(tail, streamId, context);
      if (applied) return { applied };
      return remember(cache!, streamId, decider, cached, tail);
    }
  }
  const history = await store.readStream(streamId);
  const applied = findAppliedBefore(history, streamId, context);
  if (applied) return { applied };
  if (cache && history.length > 0) {
    const empty = {
      decider,
      revision: -1n,
      state: decider.initialState,
      lastHash: GENESIS_HASH,
      eventIds: new Set<string>(),
    };
    return remember(cache, streamId, decider, empty, history);
  }
  const last = history.at(-1);
  return {
    state: foldEvents(decider, history.map(upcast) as unknown as Event[]),
    revision: last?.streamRevision,
    lastHash: last?.hash ?? GENESIS_HASH,
  };
}

/** Folds `events` (those right after `from.revision`) onto the cached state and caches the result. */
function remember<Event extends DomainEvent, State>(
  cache: StreamStateCache,
  streamId: string,
  decider: Decider<unknown, Event, State>,
  from: CachedStream<State>,
  events: RecordedEvent[],
): StreamAtRead<State> {
  const last = events.at(-1);
  if (last === undefined) return from;
  // Shared with the older entry on purpose: it only ever gains ids of events in the stream.
  const eventIds = from.eventIds as Set<string>;
  for (const event of events) eventIds.add(event.eventId);
  const entry: CachedStream<State> = {
    decider,
    revision: last.streamRevision,
    state: (events.map(upcast) as unknown as Event[]).reduce(
      (state, event) => decider.evolve(state, event),
      from.state,
    ),
    lastHash: last.hash,
    eventIds,
  };
  cache.set(streamId, entry);
  return entry;
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
