import type { Decider, DomainEvent } from '@blue-ledger/domain';
import type { EventStore, RecordedEvent } from '@blue-ledger/event-store';
import { foldStream } from './fold-stream';
import type { StreamStateCache } from './stream-state-cache';

/**
 * One aggregate's current state, folded from its stream (through the command path's cache when
 * given one, so that checks and reads of a stream folded before cost only its newest events).
 */
export class AggregateReader {
  constructor(
    private readonly store: EventStore,
    private readonly cache?: StreamStateCache,
  ) {}

  /** `revision` is null when the stream has no events. */
  async load<E extends DomainEvent, S>(
    streamId: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
  ): Promise<{ state: S; revision: number | null }> {
    const { state, revision } = await foldStream(this.store, streamId, decider, this.cache);
    return { state, revision: revision === undefined ? null : Number(revision) };
  }

  /** The stream's first events, envelopes and all (who reported an incident, say). */
  firstEvents(streamId: string, count: number): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, { maxCount: count });
  }

  async exists(streamId: string): Promise<boolean> {
    if (this.cache?.has(streamId)) return true;
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }
}
