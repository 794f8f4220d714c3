import type { RecordedEvent } from '@blue-ledger/event-store';
import { GENESIS_HASH, hashEvent } from './event-hash';

export type ChainFailureReason =
  /** The event's content no longer matches its hash: it was changed. */
  | 'hash_mismatch'
  /** The event does not point at the hash of the event before it in its stream. */
  | 'prev_hash_does_not_link'
  /** A revision was skipped: an event was removed, or moved after a later one. */
  | 'revision_gap'
  /** A revision came again or went back: an event was inserted or repeated. */
  | 'revision_out_of_order'
  /** The global order went backwards or stood still. */
  | 'position_not_increasing';

export interface ChainFailure {
  position: bigint;
  streamId: string;
  revision: bigint;
  reason: ChainFailureReason;
  detail: string;
}

export type ChainVerification =
  | { ok: true; eventCount: number; streamCount: number }
  | { ok: false; eventCount: number; failure: ChainFailure };

export interface StreamHead {
  revision: bigint;
  hash: string;
}

/** What the chain checks look at of an event, besides the hash recomputed from its content. */
export type ChainLink = Pick<
  RecordedEvent,
  'globalPosition' | 'streamId' | 'streamRevision' | 'prevHash' | 'hash'
>;

/**
 * Checks the hash chains of events fed in global order, one at a time, so that an export of
 * any length can be streamed through it. After the first failure it stops looking: the first
 * break is the one that explains the others.
 *
 * Chains alone cannot see events cut off the end of a stream or of the log: that is what the
 * signed tree heads of the Merkle log are for.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, StreamHead>();
  private lastPosition: bigint | null = null;
  private failure: ChainFailure | null = null;
  private count = 0;

  /** Checks one event; returns the first failure seen so far, or null. */
  add(event: RecordedEvent): ChainFailure | null {
    if (this.failure) return this.failure;
    return this.addLink(event, () => safeHash(event));
  }

  /**
   * Checks one event whose content hash was recomputed elsewhere (`recomputedHash`, as
   * `hashEvent` gives it, or a text that can match no hash when its content cannot be
   * encoded), e.g. on another thread: the same checks in the same order as `add`.
   */
  addLink(link: ChainLink, recomputedHash: string | (() => string)): ChainFailure | null {
    if (this.failure) return this.failure;
    this.failure = this.check(link, recomputedHash);
    if (this.failure) return this.failure;
    const head = this.heads.get(link.streamId);
    if (head) {
      head.revision = link.streamRevision;
      head.hash = link.hash;
    } else {
      this.heads.set(link.streamId, { revision: link.streamRevision, hash: link.hash });
    }
    this.lastPosition = link.globalPosition;
    this.count += 1;
    return null;
  }

  /** The failure, or how much was verified. `eventCount` counts the events that passed. */
  result(): ChainVerification {
    if (this.failure) return { ok: false, eventCount: this.count, failure: this.failure };
    return { ok: true, eventCount: this.count, streamCount: this.heads.size };
  }

  /** The global position of the last event that passed, or null before the first. */
  get checkedThrough(): bigint | null {
    return this.lastPosition;
  }

  /** The last verified revision and hash of a stream. */
  streamHead(streamId: string): StreamHead | undefined {
    const head = this.heads.get(streamId);
    return head && { ...head };
  }

  private check(event: ChainLink, recomputedHash: string | (() => string)): ChainFailure | null {
    const fail = (reason: ChainFailureReason, detail: string): ChainFailure => ({
      position: event.globalPosition,
      streamId: event.streamId,
      revision: event.streamRevision,
      reason,
      detail,
    });

    if (this.lastPosition !== null && event.globalPosition <= this.lastPosition) {
      return fail(
        'position_not_increasing',
        `position ${event.globalPosition} comes after position ${this.lastPosition}`,
      );
    }

    const head = this.heads.get(event.streamId);
    const expectedRevision = head ? head.revision + 1n : 0n;
    if (event.streamRevision > expectedRevision) {
      return fail(
        'revision_gap',
        `revision ${event.streamRevision} where ${expectedRevision} was expected`,
      );
    }
    if (event.streamRevision < expectedRevision) {
      return fail(
        'revision_out_of_order',
        `revision ${event.streamRevision} after revision ${expectedRevision - 1n}`,
      );
    }

    const recomputed = typeof recomputedHash === 'string' ? recomputedHash : recomputedHash();
    if (recomputed !== event.hash) {
      return fail('hash_mismatch', `content hashes to ${recomputed}, recorded ${event.hash}`);
    }

    const expectedPrevHash = head ? head.hash : GENESIS_HASH;
    if (event.prevHash !== expectedPrevHash) {
      return fail(
        'prev_hash_does_not_link',
        `prevHash ${event.prevHash}, but the event before it hashes to ${expectedPrevHash}`,
      );
    }
    return null;
  }
}

/** Verifies events given in global order; stops at the first failure. */
export function verifyChains(events: Iterable<RecordedEvent>): ChainVerification {
  const verifier = new ChainVerifier();
  for (const event of events) {
    if (verifier.add(event)) break;
  }
  return verifier.result();
}

/** Content that cannot be encoded at all (say, a revision beyond exact JSON numbers) cannot match. */
export function safeHash(event: RecordedEvent): string {
  try {
    return hashEvent(event);
  } catch (error) {
    return `unhashable (${(error as Error).message})`;
  }
}
