import { exportPublicKeyRaw, verifyTreeHead } from '@blue-ledger/integrity';
import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import { PostgresEventStore, type EventStore } from '@blue-ledger/event-store';
import type { HeadToAppend, NotarizedHead, SharedTreeHeads } from '@blue-ledger/projections';
import type { KeyObject } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ConfigurationError } from '../config/ledger-config';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "the notary's signed tree heads, one sequence for every instance",
    sql: (s) => `
      CREATE TABLE ${s}.notary_heads (
        id            bigint PRIMARY KEY CHECK (id > 0),
        tree_size     bigint NOT NULL CHECK (tree_size >= 0),
        root_hash     text   NOT NULL,
        timestamp     text   NOT NULL,
        signature     text   NOT NULL,
        last_position bigint,
        public_key    text   NOT NULL,
        signed_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notary_heads_by_size ON ${s}.notary_heads (tree_size, id);`,
  },
];

const otherKey = () =>
  new ConfigurationError(
    `the notary's heads in the database are signed with another key than this instance's notary-ed25519.key: ` +
      'every instance needs the same notary key files (notary-ed25519.key and .pub in its data directory)',
  );

/** The advisory lock (class, key) that serialises signing across instances. */
const SIGNING_LOCK_CLASS = 0x426c4e00;

interface HeadRow {
  id: string;
  tree_size: string;
  root_hash: string;
  timestamp: string;
  signature: string;
  last_position: string | null;
}

const headOf = (row: HeadRow): NotarizedHead => ({
  id: Number(row.id),
  head: {
    treeSize: BigInt(row.tree_size),
    rootHash: row.root_hash,
    timestamp: row.timestamp,
    signature: row.signature,
  },
  lastPosition: row.last_position === null ? null : BigInt(row.last_position),
});

const COLUMNS = 'id, tree_size, root_hash, timestamp, signature, last_position';

/**
 * The notary's signed tree heads in the PostgreSQL database every API instance shares: one
 * sequence (ids 1, 2, 3... without a gap, tree sizes never going down) whichever instance
 * signs. Appending takes a transaction-scoped advisory lock, reads the latest head and inserts
 * the next id, so two instances never sign the same number; the primary key would refuse it
 * anyway. Every head records the public key it was signed under: an instance whose key is not
 * the one of the heads already signed refuses to start (every instance needs the same key).
 */
export class PostgresTreeHeads implements SharedTreeHeads {
  private constructor(
    private readonly pool: Pool,
    private readonly s: string,
    private readonly schema: string,
    private readonly key: KeyObject,
    private readonly publicKey: string = exportPublicKeyRaw(key),
  ) {}

  static async open(
    pool: Pool,
    publicKey: KeyObject,
    schema = 'public',
  ): Promise<PostgresTreeHeads> {
    const s = await openMigratedSchema(pool, schema, 'notary_heads', MIGRATIONS);
    const heads = new PostgresTreeHeads(pool, s, schema, publicKey);
    await heads.requireSameKey(publicKey);
    return heads;
  }

  async headsAfter(afterId: number, limit: number): Promise<NotarizedHead[]> {
    const { rows } = await this.pool.query<HeadRow & { public_key: string }>(
      `SELECT ${COLUMNS}, public_key FROM ${this.s}.notary_heads WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    // An instance whose key lost the race at start serves none of them: its own
    // /integrity/public-key would not verify them (and its check would cry tampering).
    if (rows.some((row) => row.public_key !== this.publicKey)) throw otherKey();
    return rows.map(headOf);
  }

  async adopt(heads: readonly NotarizedHead[]): Promise<boolean> {
    if (heads.length === 0) return false;
    const inOrder = heads.every(
      (h, i) =>
        h.id === i + 1 &&
        (i === 0 || h.head.treeSize >= heads[i - 1].head.treeSize) &&
        verifyTreeHead(h.head, this.key).ok,
    );
    if (!inOrder) return false;
    return this.underSigningLock(async (client) => {
      const { rows } = await client.query(`SELECT 1 FROM ${this.s}.notary_heads LIMIT 1`);
      if (rows.length > 0) return false;
      for (const head of heads) await this.insert(client, head);
      return true;
    });
  }

  append(sign: (latest: NotarizedHead | null) => HeadToAppend): Promise<NotarizedHead | null> {
    return this.underSigningLock(async (client) => {
      const { rows } = await client.query<HeadRow & { public_key: string }>(
        `SELECT ${COLUMNS}, public_key FROM ${this.s}.notary_heads ORDER BY id DESC LIMIT 1`,
      );
      // Instances started together before any head existed may hold different keys: the first
      // to sign wins, the others sign nothing (and would not start again).
      if (rows.length > 0 && rows[0].public_key !== this.publicKey) throw otherKey();
      const latest = rows.length > 0 ? headOf(rows[0]) : null;
      const next = sign(latest);
      if (next === null) return null;
      if (latest && next.head.treeSize < latest.head.treeSize) {
        throw new RangeError(
          `a head of size ${next.head.treeSize} cannot follow one of size ${latest.head.treeSize}`,
        );
      }
      const appended = { id: (latest?.id ?? 0) + 1, ...next };
      await this.insert(client, appended);
      return appended;
    });
  }

  /** One head, signed under this instance's key. */
  private async insert(client: PoolClient, { id, head, lastPosition }: NotarizedHead) {
    await client.query(
      `INSERT INTO ${this.s}.notary_heads
         (id, tree_size, root_hash, timestamp, signature, last_position, public_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        head.treeSize.toString(),
        head.rootHash,
        head.timestamp,
        head.signature,
        lastPosition === null ? null : lastPosition.toString(),
        this.publicKey,
      ],
    );
  }

  /**
   * `work` in a transaction holding the signing lock (transaction-scoped: one signer at a time
   * across every instance), committed when it answers; rolled back when it throws.
   */
  private async underSigningLock<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        SIGNING_LOCK_CLASS,
        this.schema,
      ]);
      const answer = await work(client);
      await client.query('COMMIT');
      return answer;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async requireSameKey(publicKey: KeyObject): Promise<void> {
    const { rows } = await this.pool.query<HeadRow & { public_key: string }>(
      `SELECT ${COLUMNS}, public_key FROM ${this.s}.notary_heads ORDER BY id DESC LIMIT 1`,
    );
    if (rows.length === 0) return;
    const latest = headOf(rows[0]);
    if (rows[0].public_key !== this.publicKey || !verifyTreeHead(latest.head, publicKey).ok) {
      throw otherKey();
    }
  }
}

/**
 * The one sequence of signed heads every instance shares when the store is PostgreSQL (in its
 * database); none on the other stores, where each process's notary keeps its own.
 */
export async function sharedTreeHeadsOf(
  store: EventStore,
  publicKey: KeyObject,
): Promise<SharedTreeHeads | undefined> {
  return store instanceof PostgresEventStore
    ? PostgresTreeHeads.open(store.pool, publicKey)
    : undefined;
}
