import { upcast, type Decider, type DomainEvent } from '@blue-ledger/domain';
import type { EventStore, RecordedEvent } from '@blue-ledger/event-store';
import { GENESIS_HASH } from '@blue-ledger/integrity';
import type { CachedStream, StreamStateCache } from './stream-state-cache';

/** A stream folded up to its last event: what the command path decides on. */
export interface FoldedStream<State> {
  state: State;
  /** The revision of its last event; undefined when the stream has no events. */
  revision: bigint | undefined;
  /** The hash of its last event (the genesis hash for an empty stream): the next prevHash. */
  lastHash: string;
  /** Every event id in the stream, to tell whether a retried command was applied before. */
  eventIds: ReadonlySet<string>;
}

type Folding<Event extends DomainEvent, State> = Pick<
  Decider<unknown, Event, State>,
  'initialState' | 'evolve'
>;

/**
 * The one place a stream is read from the store and folded. With a `cache`, a stream folded
 * before is read only from its cached revision on (so what other writers appended since is
 * always seen) and the result is cached for the next caller.
 */
export async function foldStream<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Folding<Event, State>,
  cache?: StreamStateCache,
): Promise<FoldedStream<State>> {
  const cached = cache?.get<State>(streamId, decider);
  if (cached) {
    const fromRevision = cached.revision + 1n;
    const tail = await store.readStream(streamId, { fromRevision });
    if (tail.length === 0 || tail[0].streamRevision === fromRevision) {
      return remember(cache!, streamId, decider, cached, tail);
    }
  }
  const history = await store.readStream(streamId);
  const empty: CachedStream<State> = {
    decider,
    revision: -1n,
    state: decider.initialState,
    lastHash: GENESIS_HASH,
    eventIds: new Set<string>(),
  };
  if (history.length === 0) return { ...empty, revision: undefined };
  return cache
    ? remember(cache, streamId, decider, empty, history)
    : foldOnto(decider, empty, history);
}

/**
 * The stream folded up to the global position `upTo` (inclusive): the aggregate as the ledger
 * knew it once the events up to that position were recorded. The same fold as `foldStream`,
 * from the first event, without the cache (which holds only the latest state).
 */
export async function foldStreamUpTo<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Folding<Event, State>,
  upTo: bigint,
): Promise<FoldedStream<State>> {
  const history = await store.readStream(streamId);
  const end = history.findIndex((event) => event.globalPosition > upTo);
  const known = end === -1 ? history : history.slice(0, end);
  const empty: CachedStream<State> = {
    decider,
    revision: -1n,
    state: decider.initialState,
    lastHash: GENESIS_HASH,
    eventIds: new Set<string>(),
  };
  const folded = foldOnto(decider, empty, known);
  return { ...folded, revision: known.length === 0 ? undefined : folded.revision };
}

/** Folds `events` (those right after `from.revision`) onto `from`. */
function foldOnto<Event extends DomainEvent, State>(
  decider: Folding<Event, State>,
  from: CachedStream<State>,
  events: RecordedEvent[],
): CachedStream<State> {
  const last = events.at(-1);
  if (last === undefined) return from;
  // Shared with the older entry on purpose: it only ever gains ids of events in the stream.
  const eventIds = from.eventIds as Set<string>;
  for (const event of events) eventIds.add(event.eventId);
  return {
    decider,
    revision: last.streamRevision,
    state: (events.map(upcast) as unknown as Event[]).reduce(
      (state, event) => decider.evolve(state, event),
      from.state,
    ),
    lastHash: last.hash,
    eventIds,
  };
}

function remember<Event extends DomainEvent, State>(
  cache: StreamStateCache,
  streamId: string,
  decider: Folding<Event, State>,
  from: CachedStream<State>,
  events: RecordedEvent[],
): FoldedStream<State> {
  const entry = foldOnto(decider, from, events);
  if (entry.revision < 0n) return { ...entry, revision: undefined };
  if (entry !== from) cache.set(streamId, entry);
  return entry;
}
