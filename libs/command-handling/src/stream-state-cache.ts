/** What the command path knows of a stream up to `revision`: enough to decide without re-reading it. */
export interface CachedStream<State> {
  /** The decider that folded `state`; another decider on the same stream does not share it. */
  decider: object;
  revision: bigint;
  state: State;
  lastHash: string;
  /** Every event id up to `revision`, to tell whether a retried command was applied before. */
  eventIds: ReadonlySet<string>;
}

export const DEFAULT_CACHED_STREAMS = 10_000;
/** Stream ids remembered as existing without their state (missions, contingents referred to). */
export const DEFAULT_KNOWN_STREAMS = 50_000;

/**
 * A bounded, least-recently-used map of folded stream states for one command path.
 * It only saves the read of a stream's older events: the command path still reads every event
 * after the cached revision, so a state cached here is never stale, whoever else appends.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream<unknown>>();
  private readonly known = new Set<string>();

  constructor(
    readonly maxStreams = DEFAULT_CACHED_STREAMS,
    readonly maxKnownStreams = DEFAULT_KNOWN_STREAMS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get<State>(streamId: string, decider: object): CachedStream<State> | undefined {
    const entry = this.entries.get(streamId);
    if (entry === undefined || entry.decider !== decider) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry as CachedStream<State>;
  }

  /** Keeps `entry` unless a later revision of the stream is cached already. */
  set<State>(streamId: string, entry: CachedStream<State>): void {
    const current = this.entries.get(streamId);
    if (
      current !== undefined &&
      current.decider === entry.decider &&
      current.revision > entry.revision
    )
      return;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    while (this.entries.size > this.maxStreams) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  /**
   * Whether the stream is known to exist: some state of it is cached, or it was seen to exist
   * (`markExisting`). Streams are never deleted, so the answer cannot go stale.
   */
  has(streamId: string): boolean {
    return this.entries.has(streamId) || this.known.has(streamId);
  }

  /** Remembers that the stream exists (it holds an event), the oldest remembered first out. */
  markExisting(streamId: string): void {
    if (this.known.has(streamId)) return;
    this.known.add(streamId);
    if (this.known.size > this.maxKnownStreams) {
      this.known.delete(this.known.values().next().value as string);
    }
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
