import { HASH_BYTES } from '../hash-encoding';
import { HashArray } from './hash-array';
import { EMPTY_ROOT, hashChildren, hashLeaf } from './merkle-hashing';

/** Reads back leaf hashes `start` (inclusive) to `end` (exclusive), in order. */
export type LeafHashSource = (start: number, end: number) => readonly Uint8Array[];

export interface MerkleTreeOptions {
  /**
   * Keep in memory only the subtrees of 2^keptFromLevel leaves and larger, and read the leaf
   * hashes below them back from `leafHashes` when a root or a proof needs them (at most
   * 2^keptFromLevel leaves per subtree): a log that stores its leaves elsewhere then holds
   * 32·2/2^keptFromLevel bytes per leaf in memory instead of 64. Default 0: everything kept.
   */
  keptFromLevel?: number;
  leafHashes?: LeafHashSource;
}

/**
 * An append-only Merkle tree with RFC 9162 hashing (§2.1.1) and its proofs (§2.1.3, §2.1.4).
 *
 * `levels[h][i]` memoizes the root of the complete subtree of 2^h leaves starting at leaf
 * i·2^h, filled in as soon as its last leaf arrives. Every range the RFC's recursions visit
 * starts on a boundary of its own size, so the root of any earlier tree and every proof are
 * assembled from memoized subtrees plus at most O(log n) hashes along the right edge. Levels
 * below `keptFromLevel` are not memoized: their subtrees are hashed again from the leaves.
 */
export class MerkleTree {
  private readonly levels: HashArray[] = [];
  private readonly kept: number;
  private readonly leafSource: LeafHashSource | undefined;
  /** The leaves of the block of 2^kept leaves not yet complete (when levels below are not kept). */
  private readonly partial: HashArray = new HashArray();
  private count = 0;
  private lastLeaf: Buffer | null = null;

  constructor(options: MerkleTreeOptions = {}) {
    this.kept = Math.max(0, Math.floor(options.keptFromLevel ?? 0));
    if (this.kept > 0 && options.leafHashes === undefined) {
      throw new TypeError('a tree that does not keep its leaves needs a source to read them from');
    }
    this.leafSource = options.leafHashes;
    for (let level = 0; level <= this.kept; level += 1) this.levels.push(new HashArray());
  }

  get size(): bigint {
    return BigInt(this.count);
  }

  /** Appends a leaf (for the ledger: the 32 bytes of an event hash); returns its index. */
  append(leafData: Uint8Array): bigint {
    return this.appendLeafHash(hashLeaf(leafData));
  }

  /** Appends a leaf whose hash, SHA-256(0x00 || data), is already known. */
  appendLeafHash(leafHash: Uint8Array): bigint {
    if (leafHash.length !== HASH_BYTES) throw new TypeError(`a hash has ${HASH_BYTES} bytes`);
    this.count += 1;
    this.lastLeaf = Buffer.from(leafHash);
    let level = this.kept;
    let hash: Uint8Array = leafHash;
    if (this.kept > 0) {
      this.partial.push(leafHash);
      const blockSize = 2 ** this.kept;
      if (this.partial.length < blockSize) return this.size - 1n;
      hash = subtreeRoot(Array.from({ length: blockSize }, (_, i) => this.partial.at(i)));
      this.partial.clear();
    }
    this.levels[level].push(hash);
    // A node whose index is odd completes a pair: their parent is complete too.
    while (this.levels[level].length % 2 === 0) {
      const nodes = this.levels[level];
      hash = hashChildren(nodes.at(nodes.length - 2), nodes.at(nodes.length - 1));
      level += 1;
      if (this.levels.length === level) this.levels.push(new HashArray());
      this.levels[level].push(hash);
    }
    return this.size - 1n;
  }

  /** The hash of the last leaf appended (kept in memory whatever the levels kept), or null. */
  lastLeafHash(): Buffer | null {
    return this.lastLeaf && Buffer.from(this.lastLeaf);
  }

  leafHash(index: bigint): Buffer {
    const i = this.toLeafIndex(index, this.size);
    return Buffer.from(this.leavesOf(i, i + 1)[0]);
  }

  /** MTH(D[0:size]): the root of the tree as it stood after `size` leaves. */
  root(size: bigint = this.size): Buffer {
    const n = this.toTreeSize(size);
    return Buffer.from(n === 0 ? EMPTY_ROOT : this.rangeHash(0, n));
  }

  /** PATH(index, D[0:size]), RFC 9162 §2.1.3.1: the siblings from the leaf up to the root. */
  inclusionProof(index: bigint, size: bigint = this.size): Buffer[] {
    const n = this.toTreeSize(size);
    return this.path(this.toLeafIndex(index, size), 0, n).map((hash) => Buffer.from(hash));
  }

  /**
   * PROOF(size1, D[0:size2]), RFC 9162 §2.1.4.1. Empty when size1 is 0 or equals size2: the
   * empty tree and a tree itself need no proof.
   */
  consistencyProof(size1: bigint, size2: bigint = this.size): Buffer[] {
    const n = this.toTreeSize(size2);
    if (size1 < 0n || size1 > size2) {
      throw new RangeError(`no consistency proof from size ${size1} to size ${size2}`);
    }
    const m = Number(size1);
    if (m === 0 || m === n) return [];
    return this.subproof(m, 0, n, true).map((hash) => Buffer.from(hash));
  }

  private path(m: number, start: number, end: number): Uint8Array[] {
    const n = end - start;
    if (n === 1) return [];
    const k = largestPowerOfTwoBelow(n);
    if (m < k) return [...this.path(m, start, start + k), this.rangeHash(start + k, end)];
    return [...this.path(m - k, start + k, end), this.rangeHash(start, start + k)];
  }

  private subproof(m: number, start: number, end: number, isWholeOldTree: boolean): Uint8Array[] {
    const n = end - start;
    if (m === n) return isWholeOldTree ? [] : [this.rangeHash(start, end)];
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      return [
        ...this.subproof(m, start, start + k, isWholeOldTree),
        this.rangeHash(start + k, end),
      ];
    }
    return [...this.subproof(m - k, start + k, end, false), this.rangeHash(start, start + k)];
  }

  /** MTH(D[start:end]) where start is a multiple of the largest power of two ≤ end - start. */
  private rangeHash(start: number, end: number): Uint8Array {
    const n = end - start;
    const k = largestPowerOfTwoBelow(n + 1);
    if (k === n && k >= 2 ** this.kept) return this.levels[Math.log2(k)].at(start / k);
    if (n <= 2 ** this.kept) return subtreeRoot(this.leavesOf(start, end));
    return hashChildren(this.rangeHash(start, start + k), this.rangeHash(start + k, end));
  }

  /** Leaf hashes start..end-1: kept ones from memory, the others read back. */
  private leavesOf(start: number, end: number): Uint8Array[] {
    if (this.kept === 0) {
      return Array.from({ length: end - start }, (_, i) => this.levels[0].at(start + i));
    }
    const firstPartial = this.count - this.partial.length;
    const leaves: Uint8Array[] = [];
    if (start < firstPartial) {
      const read = (this.leafSource as LeafHashSource)(start, Math.min(end, firstPartial));
      if (read.length !== Math.min(end, firstPartial) - start) {
        throw new Error(`the leaf source gave ${read.length} leaves of ${start}..${end - 1}`);
      }
      leaves.push(...read);
    }
    for (let i = Math.max(start, firstPartial); i < end; i += 1) {
      leaves.push(this.partial.at(i - firstPartial));
    }
    return leaves;
  }

  private toTreeSize(size: bigint): number {
    if (size < 0n || size > this.size) {
      throw new RangeError(`tree size ${size} is outside 0..${this.size}`);
    }
    return Number(size);
  }

  private toLeafIndex(index: bigint, size: bigint): number {
    if (index < 0n || index >= size)
      throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    return Number(index);
  }
}

/** MTH of the given leaf hashes (at least one), as RFC 9162 §2.1.1 splits them. */
function subtreeRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 1) return leaves[0];
  const k = largestPowerOfTwoBelow(leaves.length);
  return hashChildren(subtreeRoot(leaves.slice(0, k)), subtreeRoot(leaves.slice(k)));
}

/** The largest power of two strictly below n (n ≥ 2): the split point k of RFC 9162 §2.1.1. */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
