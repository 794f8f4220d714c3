/**
 * The event-store port. It mirrors EventStoreDB's semantics so that the embedded SQLite
 * adapter and the EventStoreDB adapter pass one contract suite and the rest of the code
 * cannot tell them apart.
 */

export const EVENT_STORE = Symbol('EVENT_STORE');

/** `bigint` is the revision the stream's last event must have (0-based). */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface Actor {
  id: string;
  role: string;
}

/** An event as the writer proposes it. Hashes are computed by the writer (see integrity). */
export interface ProposedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  recordedAt: string;
  occurredAt?: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  prevHash: string;
  hash: string;
}

/** An event as the store gives it back: the full envelope. */
export interface RecordedEvent extends ProposedEvent {
  streamId: string;
  /** 0-based position of the event in its stream. */
  streamRevision: bigint;
  /** Strictly increasing in the global order; usable as a cursor. */
  globalPosition: bigint;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Defaults to 'start' forwards and 'end' backwards. */
  fromRevision?: 'start' | 'end' | bigint;
  direction?: Direction;
  maxCount?: number;
}

/** Server-side filters, as EventStoreDB supports them: by stream-id prefix or by event type. */
export interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Inclusive. Defaults to 'start' forwards and 'end' backwards. */
  fromPosition?: 'start' | 'end' | bigint;
  direction?: Direction;
  maxCount?: number;
  filter?: EventFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the subscription delivers events after this position. Defaults to 'start'. */
  fromPosition?: 'start' | 'end' | bigint;
  filter?: EventFilter;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  /** Sent once, after the historical events, when the subscription turns live. */
  | { kind: 'caught_up'; position: bigint | null };

/** Catch-up then live. Iterate it with `for await`; `close()` ends the iteration. */
export interface EventSubscription extends AsyncIterable<SubscriptionMessage> {
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: ProposedEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;
  /** Position of the last event in the global order, or null when the store is empty. */
  headPosition(): Promise<bigint | null>;
  close(): Promise<void>;
}
