import { randomUUID } from 'node:crypto';

/**
 * The double's in-memory transaction log. Positions are byte offsets into an imagined log file,
 * as on a real node: each event is one self-committed prepare record whose commit and prepare
 * positions are both its log position, so positions grow by the record's size and are not dense.
 */

/** EventStoreDB's internal expected versions: a revision, or one of these sentinels. */
export const EXPECTED_ANY = -2n;
export const EXPECTED_NO_STREAM = -1n;
export const EXPECTED_STREAM_EXISTS = -4n;

export interface ProposedRecord {
  eventId: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedRecord {
  streamId: string;
  revision: bigint;
  /** Log position of the record: its commit and its prepare position. */
  position: bigint;
  /** Log position just after the record: where the next record starts. */
  postPosition: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's `created` metadata. */
  createdTicks: bigint;
}

export type AppendOutcome =
  | { kind: 'written'; currentRevision: bigint; position: bigint }
  | { kind: 'idempotent'; currentRevision: bigint; position: bigint }
  /** `currentRevision` is -1 when the stream does not exist. */
  | { kind: 'wrong_expected_version'; currentRevision: bigint };

/** A prepare record's fixed part (flags, ids, positions, timestamps, length prefix and suffix). */
const RECORD_OVERHEAD = 97n;
const TICKS_PER_MILLISECOND = 10_000n;

export class TransactionLog {
  private readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** The server's committed-events cache, used for idempotency with `any` and `stream_exists`. */
  private readonly committedIds = new Map<string, StoredEvent>();
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private end = 0n;

  /** Position after the last record: where the next write goes. */
  get endPosition(): bigint {
    return this.end;
  }

  get all(): readonly StoredEvent[] {
    return this.events;
  }

  stream(streamId: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamId);
  }

  /** Whether a record starts at this position (or it is the end of the log). */
  isRecordBoundary(position: bigint): boolean {
    if (position === this.end) return true;
    const index = this.indexAtOrAfter(position);
    return index < this.events.length && this.events[index].position === position;
  }

  /** Index of the first event whose position is at or after `position`. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.events[middle].position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  onAppended(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server's commit check (IndexWriter.CheckCommit), then the write. */
  append(streamId: string, expected: bigint, proposed: ProposedRecord[]): AppendOutcome {
    const existing = this.streams.get(streamId) ?? [];
    const current = BigInt(existing.length) - 1n;
    const wrong: AppendOutcome = { kind: 'wrong_expected_version', currentRevision: current };

    if (expected === EXPECTED_STREAM_EXISTS && current < 0n) return wrong;

    if (expected === EXPECTED_ANY || expected === EXPECTED_STREAM_EXISTS) {
      const found = proposed.map((event) => this.committedIds.get(event.eventId));
      const first = found[0];
      if (first === undefined || first.streamId !== streamId) return this.write(streamId, proposed);
      if (found.some((event) => event === undefined || event.streamId !== streamId)) return wrong;
      return this.idempotent(found[found.length - 1] as StoredEvent);
    }

    if (expected < current) {
      let revision = expected;
      for (const event of proposed) {
        revision += 1n;
        const stored = existing[Number(revision)];
        if (stored !== undefined && stored.eventId === event.eventId) continue;
        return wrong;
      }
      if (revision === expected) return wrong;
      return this.idempotent(existing[Number(revision)]);
    }

    if (expected > current) return wrong;
    return this.write(streamId, proposed);
  }

  /** A system event as the server writes them itself (epoch, settings, statistics). */
  appendSystemEvent(streamId: string, type: string, data: Record<string, unknown>): void {
    this.write(streamId, [
      {
        eventId: randomUUID(),
        type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(data)),
        customMetadata: new Uint8Array(),
      },
    ]);
  }

  private idempotent(last: StoredEvent): AppendOutcome {
    return { kind: 'idempotent', currentRevision: last.revision, position: last.position };
  }

  private write(streamId: string, proposed: ProposedRecord[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    if (proposed.length === 0) {
      return { kind: 'written', currentRevision: BigInt(stream.length) - 1n, position: -1n };
    }
    this.streams.set(streamId, stream);
    const createdTicks = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const written = proposed.map((event) => {
      const size =
        RECORD_OVERHEAD +
        BigInt(Buffer.byteLength(streamId) + Buffer.byteLength(event.type)) +
        BigInt(event.data.length + event.customMetadata.length);
      const stored: StoredEvent = {
        ...event,
        streamId,
        revision: BigInt(stream.length),
        position: this.end,
        postPosition: this.end + size,
        createdTicks,
      };
      this.end = stored.postPosition;
      stream.push(stored);
      this.events.push(stored);
      this.committedIds.set(event.eventId, stored);
      return stored;
    });
    const last = written[written.length - 1];
    for (const event of written) for (const listener of this.listeners) listener(event);
    return { kind: 'written', currentRevision: last.revision, position: last.position };
  }
}
