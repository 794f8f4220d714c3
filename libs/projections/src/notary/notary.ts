import {
  MerkleTree,
  signTreeHead,
  type NotaryKeyPair,
  type SignedTreeHead,
} from '@blue-ledger/integrity';
import type { SqliteDatabase } from '../sqlite/database';
import { notaryRecords, type NotarizedHead } from './notary-records';
import { createNotaryTables } from './notary.tables';
import {
  NotaryReadOnlyError,
  TreeSizeOutOfRangeError,
  UnknownPositionError,
} from './notary-errors';

export interface NotaryOptions {
  /** Sign a head once this many events are not covered by the latest one. */
  everyEvents: number;
  /** Sign a head once the latest is this old and events came after it. */
  everySeconds: number;
  /**
   * Another process writes the notary's tables (an external projector): only read them, sign
   * nothing here.
   */
  readOnly?: boolean;
  clock?: () => Date;
  logger?: { error(message: string, error?: unknown): void };
}

export interface InclusionProof {
  position: bigint;
  leafIndex: bigint;
  treeSize: bigint;
  eventHash: string;
  leafHash: string;
  rootHash: string;
  proof: string[];
  /** The latest signed head of that size, if one was signed. */
  head: NotarizedHead | null;
}

export interface ConsistencyProof {
  from: bigint;
  to: bigint;
  fromRoot: string;
  toRoot: string;
  proof: string[];
  heads: { from: NotarizedHead | null; to: NotarizedHead | null };
}

const hex = (hash: Buffer) => hash.toString('hex');

/**
 * The tree keeps in memory the subtrees of 32 leaves and up (about 2 bytes per event instead of
 * 64: 2 MB for a million events); the leaves under them are read back from `notary_leaves`
 * when a proof or the root of a size not a multiple of 32 needs them, at most 32 at a time.
 */
const KEPT_FROM_LEVEL = 5;

/**
 * Signs tree heads over the Merkle log the notary projection keeps in `notary_leaves`, and
 * serves proofs from it. The tree lives in memory, rebuilt from the table on start and kept up
 * with it on every use, so it only ever holds leaves whose transaction committed; it works the
 * same when another process (an external projector) writes the leaves.
 */
export class Notary {
  private tree: MerkleTree;
  private timer: NodeJS.Timeout | null = null;
  private readonly clock: () => Date;
  private readonly startedAt: number;
  private tablesFound = false;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly keys: NotaryKeyPair,
    private readonly options: NotaryOptions,
  ) {
    if (!Number.isInteger(options.everyEvents) || options.everyEvents < 1) {
      throw new RangeError('everyEvents must be a positive integer');
    }
    if (!(options.everySeconds > 0)) throw new RangeError('everySeconds must be positive');
    this.tree = this.emptyTree();
    this.clock = options.clock ?? (() => new Date());
    this.startedAt = this.clock().getTime();
    if (!options.readOnly) {
      createNotaryTables(db);
      this.tablesFound = true;
    }
    this.catchUp();
  }

  get publicKey() {
    return this.keys.publicKey;
  }

  /** How many leaves the log holds now. */
  treeSize(): bigint {
    this.catchUp();
    return this.tree.size;
  }

  /** The latest head, or with `signedBy` (ISO 8601, UTC) the latest signed by then. */
  latestHead(signedBy?: string): NotarizedHead | null {
    return this.hasTables() ? notaryRecords.latestHead(this.db, signedBy) : null;
  }

  heads(afterId: number, limit: number, signedBy?: string): NotarizedHead[] {
    return this.hasTables() ? notaryRecords.headsAfter(this.db, afterId, limit, signedBy) : [];
  }

  /** Signs the log as it stands now, whatever the schedule says. */
  signHead(): NotarizedHead {
    if (this.options.readOnly) throw new NotaryReadOnlyError();
    this.catchUp();
    const treeSize = this.tree.size;
    const head: SignedTreeHead = signTreeHead(
      { treeSize, rootHash: this.tree.root(), timestamp: this.clock().toISOString() },
      this.keys.privateKey,
    );
    const lastPosition =
      treeSize === 0n
        ? null
        : (notaryRecords.leafAt(this.db, treeSize - 1n)?.globalPosition ?? null);
    const id = notaryRecords.insertHead(this.db, head, lastPosition);
    return { id, head, lastPosition };
  }

  /** Signs when `everyEvents` events or `everySeconds` seconds have passed since the last head. */
  signIfDue(): NotarizedHead | null {
    if (this.options.readOnly) return null;
    const size = this.treeSize();
    const latest = this.latestHead();
    const signedSize = latest?.head.treeSize ?? 0n;
    if (size <= signedSize) return null;
    const since = latest ? Date.parse(latest.head.timestamp) : this.startedAt;
    const due =
      size - signedSize >= BigInt(this.options.everyEvents) ||
      this.clock().getTime() - since >= this.options.everySeconds * 1000;
    return due ? this.signHead() : null;
  }

  /** Checks the schedule every second (or more often, for a shorter period) until `stop`. */
  start(): void {
    if (this.timer || this.options.readOnly) return;
    const period = Math.min(1000, this.options.everySeconds * 1000);
    this.timer = setInterval(() => {
      try {
        this.signIfDue();
      } catch (error) {
        this.options.logger?.error('the notary could not sign a tree head', error);
      }
    }, period);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * The audit path of the event at `position` in the tree of `treeSize` leaves: by default the
   * latest signed head when it covers the event, else the whole log.
   */
  inclusionProof(position: bigint, treeSize?: bigint): InclusionProof {
    this.catchUp();
    const leaf = this.hasTables() ? notaryRecords.leafAtPosition(this.db, position) : null;
    if (leaf === null || leaf.leafIndex >= this.tree.size) throw new UnknownPositionError(position);
    const latest = this.latestHead()?.head.treeSize;
    const size =
      treeSize ?? (latest !== undefined && latest > leaf.leafIndex ? latest : this.tree.size);
    if (size <= leaf.leafIndex || size > this.tree.size) {
      throw new TreeSizeOutOfRangeError(
        'treeSize',
        `the event at position ${position} is leaf ${leaf.leafIndex}: treeSize must be in ${leaf.leafIndex + 1n}..${this.tree.size}`,
      );
    }
    return {
      position,
      leafIndex: leaf.leafIndex,
      treeSize: size,
      eventHash: leaf.eventHash,
      leafHash: hex(leaf.leafHash),
      rootHash: hex(this.tree.root(size)),
      proof: this.tree.inclusionProof(leaf.leafIndex, size).map(hex),
      head: this.latestHeadOfSize(size),
    };
  }

  /** PROOF(from, D[0:to]): by default up to the latest signed head, else the whole log. */
  consistencyProof(from: bigint, to?: bigint): ConsistencyProof {
    this.catchUp();
    const size = to ?? this.latestHead()?.head.treeSize ?? this.tree.size;
    if (size > this.tree.size) {
      throw new TreeSizeOutOfRangeError('to', `to must be at most ${this.tree.size}`);
    }
    if (from < 0n || from > size) {
      throw new TreeSizeOutOfRangeError('from', `from must be in 0..${size}`);
    }
    return {
      from,
      to: size,
      fromRoot: hex(this.tree.root(from)),
      toRoot: hex(this.tree.root(size)),
      proof: this.tree.consistencyProof(from, size).map(hex),
      heads: {
        from: this.latestHeadOfSize(from),
        to: this.latestHeadOfSize(size),
      },
    };
  }

  /**
   * Appends the leaves committed since the last look. Were the table rebuilt underneath (the
   * last leaf held is gone or differs), the tree is read again from the start.
   */
  private catchUp(): void {
    if (!this.hasTables()) return;
    const size = this.tree.size;
    if (size > 0n) {
      const last = notaryRecords.leafAt(this.db, size - 1n);
      const remembered = this.tree.lastLeafHash();
      if (last === null || remembered === null || !last.leafHash.equals(remembered)) {
        this.tree = this.emptyTree();
      }
    }
    for (const [leafIndex, leafHash] of notaryRecords.leafHashesFrom(this.db, this.tree.size)) {
      if (BigInt(leafIndex) !== this.tree.size) {
        throw new Error(`the notary's leaves skip from ${this.tree.size} to ${leafIndex}`);
      }
      this.tree.appendLeafHash(leafHash);
    }
  }

  private emptyTree(): MerkleTree {
    return new MerkleTree({
      keptFromLevel: KEPT_FROM_LEVEL,
      leafHashes: (start, end) => notaryRecords.leafHashesBetween(this.db, start, end),
    });
  }

  private latestHeadOfSize(size: bigint): NotarizedHead | null {
    return this.hasTables() ? notaryRecords.latestHeadOfSize(this.db, size) : null;
  }

  /** A read-only notary may start before the process that writes its tables has made them. */
  private hasTables(): boolean {
    if (this.tablesFound) return true;
    const found = this.db
      .prepare(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('notary_leaves', 'notary_heads')",
      )
      .pluck()
      .get() as number;
    this.tablesFound = found === 2;
    return this.tablesFound;
  }
}
