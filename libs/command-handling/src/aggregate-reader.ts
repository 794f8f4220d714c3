import type { Decider, DomainEvent } from '@blue-ledger/domain';
import type { EventStore, RecordedEvent } from '@blue-ledger/event-store';
import { foldStream, foldStreamUpTo } from './fold-stream';
import type { StreamStateCache } from './stream-state-cache';

/**
 * One aggregate's state, folded from its stream: now (through the command path's cache when
 * given one, so that checks and reads of a stream folded before cost only its newest events),
 * or as of a global position.
 */
export class AggregateReader {
  constructor(
    private readonly store: EventStore,
    private readonly cache?: StreamStateCache,
  ) {}

  /**
   * `revision` is null when the stream has no events (by then). With `upTo`, the state once the
   * events up to that global position (inclusive) were recorded.
   */
  async load<E extends DomainEvent, S>(
    streamId: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
    options: { upTo?: bigint | number } = {},
  ): Promise<{ state: S; revision: number | null }> {
    const { state, revision } =
      options.upTo === undefined
        ? await foldStream(this.store, streamId, decider, this.cache)
        : await foldStreamUpTo(this.store, streamId, decider, BigInt(options.upTo));
    return { state, revision: revision === undefined ? null : Number(revision) };
  }

  /** The stream's first events, envelopes and all (who reported an incident, say). */
  firstEvents(streamId: string, count: number): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, { maxCount: count });
  }

  /** Whether the stream holds an event; once seen to, answered from the cache from then on. */
  async exists(streamId: string): Promise<boolean> {
    if (this.cache?.has(streamId)) return true;
    const exists = (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
    if (exists) this.cache?.markExisting(streamId);
    return exists;
  }
}
