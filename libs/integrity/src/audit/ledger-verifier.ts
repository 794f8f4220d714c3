import type { KeyObject } from 'node:crypto';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { ChainVerifier, type ChainFailureReason, type ChainLink } from '../chain/chain-verifier';
import { parseHash } from '../hash-encoding';
import { eventLeafHash } from '../merkle/merkle-hashing';
import { MerkleTree } from '../merkle/merkle-tree';
import { verifyConsistency } from '../merkle/verify-consistency';
import { importPublicKey } from '../tree-head/public-key';
import { verifyTreeHead, type SignedTreeHead } from '../tree-head/tree-head';
import { LeafLog } from './leaf-log';

export type LedgerFailureReason =
  | ChainFailureReason
  /** A head's signature does not verify with the notary's public key. */
  | 'bad_signature'
  /** A head covers more events than the log holds: events were cut off the end. */
  | 'head_beyond_log'
  /** The latest head's root is not the root of the events it covers. */
  | 'root_mismatch'
  /** An earlier head is not a prefix of a later one: the history under it was rewritten. */
  | 'inconsistent_heads'
  /** A head the auditor kept is not a prefix of the log. */
  | 'inconsistent_with_trusted_head'
  /** The export cannot be read. */
  | 'malformed_export'
  /** The export holds fewer or more lines than its header announces. */
  | 'export_incomplete';

export interface LedgerFailure {
  reason: LedgerFailureReason;
  /**
   * The global position of the first event that cannot be vouched for, when one can be named.
   * For a chain break it is the event that breaks it; for a head that does not match, the
   * first event that head covers and no verified earlier head does.
   */
  position: bigint | null;
  /** The same event's index in the Merkle log (0-based), or where the log falls short. */
  leafIndex: bigint | null;
  streamId: string | null;
  revision: bigint | null;
  detail: string;
}

export interface LedgerChecks {
  /** Events whose hash and link to their stream's previous event were recomputed. */
  events: number;
  streams: number;
  heads: number;
  signatures: number;
  /** Heads whose root was recomputed from the events and matched. */
  roots: number;
  /** Consistency proofs between successive heads, built from the events and verified. */
  consistencyProofs: number;
  trustedHeads: number;
  /** The Merkle log the events make, as recomputed. */
  treeSize: bigint;
  rootHash: string;
}

export interface LedgerVerificationReport {
  ok: boolean;
  checked: LedgerChecks;
  failure: LedgerFailure | null;
}

interface HeadToCheck {
  head: SignedTreeHead;
  trusted: boolean;
  label: string;
}

/**
 * Verifies a whole ledger from its events, fed in global order, and the signed tree heads
 * published for it: every stream's hash chain, the Merkle root of every head recomputed from
 * the events, every signature, and each later head consistent with each earlier one (checked
 * between successive heads; consistency is transitive). Trusted heads are heads an auditor
 * kept from earlier: the log must extend each of them.
 *
 * It is fed one event at a time, so an export or a store of any length can be streamed
 * through it; memory grows by about 80 bytes per event (the Merkle tree and the leaf map).
 */
export class LedgerVerifier {
  private readonly chains = new ChainVerifier();
  private readonly tree = new MerkleTree();
  private readonly leaves = new LeafLog();
  private readonly heads: HeadToCheck[] = [];
  private readonly publicKey: KeyObject;
  private failure: LedgerFailure | null = null;
  private checks = { signatures: 0, roots: 0, consistencyProofs: 0 };

  constructor(publicKey: KeyObject | string) {
    this.publicKey = importPublicKey(publicKey);
  }

  /**
   * Its chain checks as fed so far: whoever verified a store with it can go on checking the
   * events appended since with the same verifier (each stream's last hash is kept there).
   */
  get chainVerifier(): ChainVerifier {
    return this.chains;
  }

  /** The first failure found while feeding events, if any. */
  get failed(): LedgerFailure | null {
    return this.failure;
  }

  /** Checks the next event of the global order; false once anything has failed. */
  addEvent(event: RecordedEvent): boolean {
    if (this.failure) return false;
    const broken = this.chains.add(event);
    return this.afterChainCheck(event, broken, () => eventLeafHash(event.hash));
  }

  /**
   * The same as `addEvent` for an event whose content hash and Merkle leaf were computed
   * elsewhere (on a hashing thread, see parallel-hashing): `recomputedHash` is `safeHash` of
   * its content, `leafHash` is `eventLeafHash` of its recorded hash.
   */
  addHashedEvent(link: ChainLink, recomputedHash: string, leafHash: Uint8Array): boolean {
    if (this.failure) return false;
    const broken = this.chains.addLink(link, recomputedHash);
    return this.afterChainCheck(link, broken, () => leafHash);
  }

  private afterChainCheck(
    link: ChainLink,
    broken: ReturnType<ChainVerifier['add']>,
    leafHash: () => Uint8Array,
  ): boolean {
    if (broken) {
      this.failure = { ...broken, leafIndex: this.tree.size };
      return false;
    }
    this.tree.appendLeafHash(leafHash());
    this.leaves.push(link.globalPosition, link.streamId);
    return true;
  }

  /** A published head; `trusted` for one the auditor kept themselves. */
  addHead(head: SignedTreeHead, options: { trusted?: boolean; label?: string } = {}): void {
    const trusted = options.trusted ?? false;
    const label = options.label ?? (trusted ? 'the trusted head' : 'the signed head');
    this.heads.push({
      head,
      trusted,
      label: `${label} of size ${head.treeSize} (${head.timestamp})`,
    });
  }

  /** Records a failure found outside the verifier (an unreadable export); the first one wins. */
  fail(failure: LedgerFailure): void {
    this.failure ??= failure;
  }

  finish(): LedgerVerificationReport {
    this.failure ??= this.checkSignatures() ?? this.checkRoots() ?? this.checkConsistency();
    return { ok: this.failure === null, checked: this.checked(), failure: this.failure };
  }

  private checked(): LedgerChecks {
    return {
      events: this.chains.result().eventCount,
      streams: this.leaves.streamCount,
      heads: this.heads.filter((h) => !h.trusted).length,
      trustedHeads: this.heads.filter((h) => h.trusted).length,
      ...this.checks,
      treeSize: this.tree.size,
      rootHash: this.tree.root().toString('hex'),
    };
  }

  private sortedHeads(): HeadToCheck[] {
    return [...this.heads].sort((a, b) =>
      a.head.treeSize === b.head.treeSize
        ? a.head.timestamp.localeCompare(b.head.timestamp)
        : a.head.treeSize < b.head.treeSize
          ? -1
          : 1,
    );
  }

  private checkSignatures(): LedgerFailure | null {
    for (const { head, label } of this.sortedHeads()) {
      const signature = verifyTreeHead(head, this.publicKey);
      if (!signature.ok) {
        return this.headFailure('bad_signature', null, `${label}: ${signature.reason}`);
      }
      this.checks.signatures += 1;
    }
    return null;
  }

  private checkRoots(): LedgerFailure | null {
    const heads = this.sortedHeads();
    const matches = (h: HeadToCheck) =>
      h.head.treeSize <= this.tree.size &&
      this.tree.root(h.head.treeSize).equals(parseHash(h.head.rootHash));
    let vouchedSize = 0n;
    for (const candidate of heads) {
      const { head, label } = candidate;
      if (head.treeSize > this.tree.size) {
        const last = this.leaves.at(this.tree.size - 1n);
        return {
          reason: 'head_beyond_log',
          position: null,
          leafIndex: this.tree.size,
          streamId: null,
          revision: null,
          detail:
            `${label} covers ${head.treeSize} events, the log holds ${this.tree.size}` +
            `${last ? ` (up to position ${last.position})` : ''}: events after it were removed`,
        };
      }
      if (matches(candidate)) {
        this.checks.roots += 1;
        vouchedSize = head.treeSize;
        continue;
      }
      const laterMatch = heads.some(
        (other) => other !== candidate && other.head.treeSize >= head.treeSize && matches(other),
      );
      const reason = candidate.trusted
        ? 'inconsistent_with_trusted_head'
        : laterMatch
          ? 'inconsistent_heads'
          : 'root_mismatch';
      return this.rangeFailure(reason, vouchedSize, candidate, laterMatch);
    }
    return null;
  }

  private checkConsistency(): LedgerFailure | null {
    const heads = this.sortedHeads();
    for (let i = 1; i < heads.length; i += 1) {
      const earlier = heads[i - 1].head;
      const later = heads[i].head;
      const proof = this.tree.consistencyProof(earlier.treeSize, later.treeSize);
      const consistent = verifyConsistency(
        earlier.treeSize,
        later.treeSize,
        proof,
        parseHash(earlier.rootHash),
        parseHash(later.rootHash),
      );
      if (!consistent.ok) {
        return this.headFailure(
          'inconsistent_heads',
          null,
          `${heads[i - 1].label} and ${heads[i].label}: ${consistent.reason}`,
        );
      }
      this.checks.consistencyProofs += 1;
    }
    return null;
  }

  private rangeFailure(
    reason: LedgerFailureReason,
    vouchedSize: bigint,
    { head, label }: HeadToCheck,
    laterMatch: boolean,
  ): LedgerFailure {
    const first = this.leaves.at(vouchedSize);
    const last = this.leaves.at(head.treeSize - 1n);
    const range =
      first && last
        ? `positions ${first.position}..${last.position} (leaves ${vouchedSize}..${head.treeSize - 1n})`
        : 'the empty log';
    const root = this.tree.root(head.treeSize).toString('hex');
    const why = laterMatch
      ? 'the history it covers was rewritten after it was signed, and later heads sign the rewrite'
      : 'an event it covers was changed, removed, reordered or inserted after it was signed';
    return {
      reason,
      position: first?.position ?? null,
      leafIndex: first ? vouchedSize : null,
      streamId: first?.streamId ?? null,
      revision: null,
      detail: `${label} has root ${head.rootHash}, the events give ${root}: ${why}; the first difference lies in ${range}`,
    };
  }

  private headFailure(
    reason: LedgerFailureReason,
    leafIndex: bigint | null,
    detail: string,
  ): LedgerFailure {
    return { reason, position: null, leafIndex, streamId: null, revision: null, detail };
  }
}

/** The report as JSON: sizes and positions as decimal strings. */
export function ledgerReportToJson(report: LedgerVerificationReport) {
  const { checked, failure } = report;
  return {
    ok: report.ok,
    checked: { ...checked, treeSize: checked.treeSize.toString() },
    failure: failure && {
      reason: failure.reason,
      position: failure.position?.toString() ?? null,
      leafIndex: failure.leafIndex?.toString() ?? null,
      streamId: failure.streamId,
      revision: failure.revision?.toString() ?? null,
      detail: failure.detail,
    },
  };
}

export type LedgerVerificationReportJson = ReturnType<typeof ledgerReportToJson>;
