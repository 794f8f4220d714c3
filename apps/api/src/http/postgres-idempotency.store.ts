import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import type { Pool } from 'pg';
import {
  FORGOTTEN,
  HASH_SCHEME,
  type IdempotencyKeys,
  type IdempotencyRecord,
} from './idempotency.store';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'idempotency keys',
    sql: (s) => `
      CREATE TABLE ${s}.idempotency_keys (
        principal_id    text        NOT NULL,
        idempotency_key text        NOT NULL,
        request_hash    text        NOT NULL,
        hash_scheme     text        NOT NULL,
        seed_msecs      bigint      NOT NULL,
        seed_secret     text        NOT NULL,
        subject_ids     jsonb,
        status          integer,
        body            text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal_id, idempotency_key)
      );
      CREATE INDEX idempotency_keys_by_subject ON ${s}.idempotency_keys USING gin (subject_ids);`,
  },
];

interface Row {
  request_hash: string;
  seed_msecs: string;
  seed_secret: string;
  status: number | null;
  body: string | null;
}

const recordOf = (row: Row): IdempotencyRecord => ({
  requestHash: row.request_hash,
  seedMsecs: Number(row.seed_msecs),
  seedSecret: row.seed_secret,
  status: row.status,
  body: row.body,
});

/**
 * First answers to requests that carried an Idempotency-Key, in the PostgreSQL database every
 * API instance shares: a retry may reach any instance and finds the first answer, or the
 * reservation (and so the ids) of the request still running elsewhere. Same rules as the
 * SQLite file: a keyed hash of the request, the subject ids it named, forgotten on erasure.
 *
 * PostgreSQL has no `secure_delete`: the row version holding a forgotten hash stays in the
 * table's pages until VACUUM reclaims it (autovacuum, or the `VACUUM` this store runs after an
 * erasure), and in WAL segments and backups until they expire (see the README).
 */
export class PostgresIdempotencyKeys implements IdempotencyKeys {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  /** Creates or migrates the table (safely when several instances start at once). */
  static async open(pool: Pool, schema = 'public'): Promise<PostgresIdempotencyKeys> {
    const s = await openMigratedSchema(pool, schema, 'idempotency_keys', MIGRATIONS);
    return new PostgresIdempotencyKeys(pool, `${s}.idempotency_keys`);
  }

  async find(principalId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT request_hash, seed_msecs, seed_secret, status, body FROM ${this.table}
       WHERE principal_id = $1 AND idempotency_key = $2`,
      [principalId, key],
    );
    return rows[0] && recordOf(rows[0]);
  }

  async reserve(
    principalId: string,
    key: string,
    requestHash: string,
    seed: { msecs: number; secret: string },
    subjectIds: readonly string[],
  ): Promise<IdempotencyRecord> {
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO ${this.table}
         (principal_id, idempotency_key, request_hash, hash_scheme, seed_msecs, seed_secret, subject_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (principal_id, idempotency_key) DO NOTHING
       RETURNING request_hash, seed_msecs, seed_secret, status, body`,
      [
        principalId,
        key,
        requestHash,
        HASH_SCHEME,
        seed.msecs,
        seed.secret,
        JSON.stringify(subjectIds),
      ],
    );
    if (rows[0]) return recordOf(rows[0]);
    // Another instance reserved it between our look and our insert: its record stands.
    const standing = await this.find(principalId, key);
    if (!standing) throw new Error(`idempotency key ${key} vanished while being reserved`);
    return standing;
  }

  async complete(principalId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET status = $1, body = $2
       WHERE principal_id = $3 AND idempotency_key = $4`,
      [status, JSON.stringify(body), principalId, key],
    );
  }

  async release(principalId: string, key: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM ${this.table}
       WHERE principal_id = $1 AND idempotency_key = $2 AND status IS NULL`,
      [principalId, key],
    );
  }

  async forgetSubject(subjectId: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${this.table} SET request_hash = $1, subject_ids = NULL
       WHERE subject_ids @> jsonb_build_array($2::text)`,
      [FORGOTTEN, subjectId],
    );
    // Reclaims the dead row versions that still hold the old hashes (not the WAL's copies).
    if (rowCount) await this.pool.query(`VACUUM ${this.table}`);
    return rowCount ?? 0;
  }
}
