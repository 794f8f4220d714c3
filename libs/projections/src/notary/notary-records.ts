import type { SignedTreeHead } from '@blue-ledger/integrity';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';

/** A head as the notary keeps it: its place in the table and its last event. */
export interface NotarizedHead {
  id: number;
  head: SignedTreeHead;
  /** The global position of the last event the head covers (not signed; null for size 0). */
  lastPosition: bigint | null;
}

export interface NotaryLeaf {
  leafIndex: bigint;
  globalPosition: bigint;
  eventHash: string;
  leafHash: Buffer;
}

interface HeadRow {
  id: bigint;
  tree_size: bigint;
  root_hash: string;
  timestamp: string;
  signature: string;
  last_position: bigint | null;
}

interface LeafRow {
  leaf_index: bigint;
  global_position: bigint;
  event_hash: string;
  leaf_hash: Buffer;
}

const HEAD_COLUMNS = 'id, tree_size, root_hash, timestamp, signature, last_position';
const LEAF_COLUMNS = 'leaf_index, global_position, event_hash, leaf_hash';

/** Positions and sizes read as bigint: EventStoreDB's commit positions exceed 2^53. */
const statements = preparedStatements((db) => ({
  leafAt: db
    .prepare(`SELECT ${LEAF_COLUMNS} FROM notary_leaves WHERE leaf_index = ?`)
    .safeIntegers(),
  leafAtPosition: db
    .prepare(`SELECT ${LEAF_COLUMNS} FROM notary_leaves WHERE global_position = ?`)
    .safeIntegers(),
  leafHashesFrom: db
    .prepare(
      'SELECT leaf_index, leaf_hash FROM notary_leaves WHERE leaf_index >= ? ORDER BY leaf_index',
    )
    .raw(),
  leafHashesBetween: db
    .prepare(
      'SELECT leaf_hash FROM notary_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index',
    )
    .pluck(),
  insertHead: db.prepare(
    `INSERT INTO notary_heads (tree_size, root_hash, timestamp, signature, last_position)
     VALUES (?, ?, ?, ?, ?)`,
  ),
  insertHeadWithId: db.prepare(
    `INSERT INTO notary_heads (id, tree_size, root_hash, timestamp, signature, last_position)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ),
  deleteHeads: db.prepare('DELETE FROM notary_heads'),
  latestHead: db
    .prepare(`SELECT ${HEAD_COLUMNS} FROM notary_heads ORDER BY id DESC LIMIT 1`)
    .safeIntegers(),
  latestHeadOfSize: db
    .prepare(
      `SELECT ${HEAD_COLUMNS} FROM notary_heads WHERE tree_size = ? ORDER BY id DESC LIMIT 1`,
    )
    .safeIntegers(),
  headsAfter: db
    .prepare(`SELECT ${HEAD_COLUMNS} FROM notary_heads WHERE id > ? ORDER BY id LIMIT ?`)
    .safeIntegers(),
  latestHeadSignedBy: db
    .prepare(
      `SELECT ${HEAD_COLUMNS} FROM notary_heads WHERE timestamp <= ? ORDER BY id DESC LIMIT 1`,
    )
    .safeIntegers(),
  headsAfterSignedBy: db
    .prepare(
      `SELECT ${HEAD_COLUMNS} FROM notary_heads WHERE id > ? AND timestamp <= ? ORDER BY id LIMIT ?`,
    )
    .safeIntegers(),
}));

export const notaryRecords = {
  leafAt(db: SqliteDatabase, leafIndex: bigint): NotaryLeaf | null {
    return toLeaf(statements.of(db).leafAt.get(leafIndex) as LeafRow | undefined);
  },

  leafAtPosition(db: SqliteDatabase, position: bigint): NotaryLeaf | null {
    const row = statements.of(db).leafAtPosition.get(position);
    return toLeaf(row as LeafRow | undefined);
  },

  /** [leafIndex, leafHash] from `leafIndex` on, in order. */
  leafHashesFrom(db: SqliteDatabase, leafIndex: bigint): IterableIterator<[number, Buffer]> {
    return statements.of(db).leafHashesFrom.iterate(leafIndex) as IterableIterator<
      [number, Buffer]
    >;
  },

  /** The leaf hashes `start` (inclusive) to `end` (exclusive), in order. */
  leafHashesBetween(db: SqliteDatabase, start: number, end: number): Buffer[] {
    return statements.of(db).leafHashesBetween.all(start, end) as Buffer[];
  },

  insertHead(db: SqliteDatabase, head: SignedTreeHead, lastPosition: bigint | null): number {
    const { lastInsertRowid } = statements
      .of(db)
      .insertHead.run(head.treeSize, head.rootHash, head.timestamp, head.signature, lastPosition);
    return Number(lastInsertRowid);
  },

  /** A head of the sequence another store keeps (PostgreSQL), copied with its id. */
  copyHead(db: SqliteDatabase, { id, head, lastPosition }: NotarizedHead): void {
    statements
      .of(db)
      .insertHeadWithId.run(
        id,
        head.treeSize,
        head.rootHash,
        head.timestamp,
        head.signature,
        lastPosition,
      );
  },

  /** Forgets the local copies of heads (they are copied again from the shared sequence). */
  deleteHeads(db: SqliteDatabase): void {
    statements.of(db).deleteHeads.run();
  },

  /** The latest head, or the latest signed at or before `signedBy` (an ISO 8601 UTC instant). */
  latestHead(db: SqliteDatabase, signedBy?: string): NotarizedHead | null {
    const row =
      signedBy === undefined
        ? statements.of(db).latestHead.get()
        : statements.of(db).latestHeadSignedBy.get(signedBy);
    return toHead(row as HeadRow | undefined);
  },

  latestHeadOfSize(db: SqliteDatabase, treeSize: bigint): NotarizedHead | null {
    const row = statements.of(db).latestHeadOfSize.get(treeSize);
    return toHead(row as HeadRow | undefined);
  },

  /**
   * Heads in the order they were signed; `afterId` is the id of the last one already seen;
   * with `signedBy`, only those signed at or before it.
   */
  headsAfter(
    db: SqliteDatabase,
    afterId: number,
    limit: number,
    signedBy?: string,
  ): NotarizedHead[] {
    const rows = (
      signedBy === undefined
        ? statements.of(db).headsAfter.all(afterId, limit)
        : statements.of(db).headsAfterSignedBy.all(afterId, signedBy, limit)
    ) as HeadRow[];
    return rows.map((row) => toHead(row) as NotarizedHead);
  },
};

function toHead(row: HeadRow | undefined): NotarizedHead | null {
  if (row === undefined) return null;
  return {
    id: Number(row.id),
    head: {
      treeSize: row.tree_size,
      rootHash: row.root_hash,
      timestamp: row.timestamp,
      signature: row.signature,
    },
    lastPosition: row.last_position,
  };
}

function toLeaf(row: LeafRow | undefined): NotaryLeaf | null {
  if (row === undefined) return null;
  return {
    leafIndex: row.leaf_index,
    globalPosition: row.global_position,
    eventHash: row.event_hash,
    leafHash: row.leaf_hash,
  };
}
