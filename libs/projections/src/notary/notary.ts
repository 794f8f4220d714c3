import {
  MerkleTree,
  signTreeHead,
  type NotaryKeyPair,
  type SignedTreeHead,
} from '@blue-ledger/integrity';
import type { SqliteDatabase } from '../sqlite/database';
import { notaryRecords, type NotarizedHead } from './notary-records';
import { createNotaryTables } from './notary.tables';
import type { HeadToAppend, SharedTreeHeads } from './shared-tree-heads';
import {
  NotaryBehindError,
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
  /**
   * The one sequence of heads every notary over the same log signs into (PostgreSQL). The
   * notary's `notary_heads` table is then a copy of that sequence, same ids, as far as its
   * own leaves reach; signing goes through `signHeadNow` and the schedule.
   */
  shared?: SharedTreeHeads;
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
  private ticking = false;
  private headsChecked = false;
  private syncing: Promise<unknown> = Promise.resolve();
  private queuedSync: Promise<void> | null = null;

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

  /** Signs the log as it stands now, whatever the schedule says (not with shared heads). */
  signHead(): NotarizedHead {
    if (this.options.readOnly) throw new NotaryReadOnlyError();
    if (this.options.shared) throw new Error('with shared heads, sign with signHeadNow');
    const { head, lastPosition } = this.signedNow();
    const id = notaryRecords.insertHead(this.db, head, lastPosition);
    return { id, head, lastPosition };
  }

  /**
   * Signs the log as it stands now, whatever the schedule says; with shared heads, as the next
   * head of the shared sequence (refused while this notary's leaves are behind its latest).
   */
  async signHeadNow(): Promise<NotarizedHead> {
    const shared = this.options.shared;
    if (!shared || this.options.readOnly) return this.signHead();
    await this.syncHeads();
    const appended = await shared.append((latest) => {
      this.catchUp();
      if (latest && latest.head.treeSize > this.tree.size) {
        throw new NotaryBehindError(this.tree.size, latest.head.treeSize);
      }
      return this.signedNow();
    });
    await this.syncHeads();
    return appended as NotarizedHead;
  }

  /**
   * With shared heads: copies into `notary_heads` the heads of the shared sequence this
   * notary has not copied yet, in order, up to the first one its leaves do not reach yet.
   * Local heads that are not the shared sequence's (signed before the heads were shared) are
   * replaced by it.
   */
  syncHeads(): Promise<void> {
    if (!this.options.shared || this.options.readOnly) return Promise.resolve();
    // One copy at a time in a process: requests and the schedule may ask at once. Whoever asks
    // while a copy waits its turn shares that copy (it starts after they asked).
    if (this.queuedSync) return this.queuedSync;
    const run = this.syncing.then(() => {
      this.queuedSync = null;
      return this.copySharedHeads(this.options.shared!);
    });
    this.queuedSync = run;
    this.syncing = run.catch(() => undefined);
    return run;
  }

  private async copySharedHeads(shared: SharedTreeHeads): Promise<void> {
    if (!this.headsChecked) {
      const local = this.latestHead();
      if (local) {
        // Signed before the heads were shared: they begin the sequence if nobody signed yet.
        await shared.adopt(notaryRecords.headsAfter(this.db, 0, Number.MAX_SAFE_INTEGER));
        const [same] = await shared.headsAfter(local.id - 1, 1);
        if (same?.id !== local.id || same.head.signature !== local.head.signature) {
          this.options.logger?.error(
            `the notary's local heads are not the shared sequence's: replaced by it (local head ${local.id} of size ${local.head.treeSize})`,
          );
          notaryRecords.deleteHeads(this.db);
        }
      }
      this.headsChecked = true;
    }
    for (;;) {
      const after = this.latestHead()?.id ?? 0;
      const heads = await shared.headsAfter(after, 500);
      this.catchUp();
      let copied = 0;
      for (const head of heads) {
        if (head.head.treeSize > this.tree.size) return;
        notaryRecords.copyHead(this.db, head);
        copied++;
      }
      if (copied < 500) return;
    }
  }

  /** Signs when `everyEvents` events or `everySeconds` seconds have passed since the last head. */
  signIfDue(): NotarizedHead | null {
    if (this.options.readOnly) return null;
    if (this.options.shared) throw new Error('with shared heads, use signIfDueShared');
    return this.isDue(this.latestHead()) ? this.signHead() : null;
  }

  /** Whether events came after `latest` and enough of them, or long enough ago, to sign. */
  private isDue(latest: NotarizedHead | null): boolean {
    const size = this.treeSize();
    const signedSize = latest?.head.treeSize ?? 0n;
    if (size <= signedSize) return false;
    const since = latest ? Date.parse(latest.head.timestamp) : this.startedAt;
    return (
      size - signedSize >= BigInt(this.options.everyEvents) ||
      this.clock().getTime() - since >= this.options.everySeconds * 1000
    );
  }

  /**
   * With shared heads: copies the shared sequence, then signs when due by `signIfDue`'s rule,
   * measured from the latest head of the shared sequence (whichever notary signed it); if
   * another notary appended a head meanwhile, signs nothing this time.
   */
  async signIfDueShared(): Promise<NotarizedHead | null> {
    const shared = this.options.shared;
    if (!shared || this.options.readOnly) return this.signIfDue();
    await this.syncHeads();
    const seen = this.latestHead();
    if (!this.isDue(seen)) return null;
    const appended = await shared.append((latest): HeadToAppend => {
      if ((latest?.id ?? 0) !== (seen?.id ?? 0)) return null;
      return this.signedNow();
    });
    if (appended) await this.syncHeads();
    return appended;
  }

  /** Checks the schedule every second (or more often, for a shorter period) until `stop`. */
  start(): void {
    if (this.timer || this.options.readOnly) return;
    const period = Math.min(1000, this.options.everySeconds * 1000);
    this.timer = setInterval(() => {
      if (this.options.shared) {
        if (this.ticking) return;
        this.ticking = true;
        this.signIfDueShared()
          .catch((error: unknown) =>
            this.options.logger?.error('the notary could not sign a tree head', error),
          )
          .finally(() => (this.ticking = false));
        return;
      }
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

  /** A head over the whole log as this notary holds it now, signed, not yet stored. */
  private signedNow(): { head: SignedTreeHead; lastPosition: bigint | null } {
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
    return { head, lastPosition };
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
