import type Database from 'better-sqlite3';

export interface IdempotencyRecord {
  /** The keyed hash of the request, or FORGOTTEN once a subject it carried details of was erased. */
  requestHash: string;
  seedMsecs: number;
  seedSecret: string;
  status: number | null;
  body: string | null;
}

/** Where first answers are kept: a local SQLite file, or the PostgreSQL database all instances share. */
export interface IdempotencyKeys {
  find(
    principalId: string,
    key: string,
  ): IdempotencyRecord | undefined | Promise<IdempotencyRecord | undefined>;
  /**
   * Reserves the key for this request, with the seed of its ids; answers the record that stands
   * afterwards: this one, or the one another instance reserved first (same seed, same ids).
   */
  reserve(
    principalId: string,
    key: string,
    requestHash: string,
    seed: { msecs: number; secret: string },
    subjectIds: readonly string[],
  ): IdempotencyRecord | Promise<IdempotencyRecord>;
  complete(principalId: string, key: string, status: number, body: unknown): void | Promise<void>;
  release(principalId: string, key: string): void | Promise<void>;
  /** Forgets every request that named the subject; answers how many. */
  forgetSubject(subjectId: string): number | Promise<number>;
}

export const IDEMPOTENCY_KEYS = Symbol('IDEMPOTENCY_KEYS');

/** What a row's request hash becomes once nothing may be told about the request any more. */
export const FORGOTTEN = 'forgotten';
/** How request hashes are made now: HMAC-SHA-256 under a secret derived from the KEK. */
export const HASH_SCHEME = 'hmac-sha256/v1';

/**
 * First answers to requests that carried an Idempotency-Key, per principal, in the local SQLite
 * file. A request is kept only as a keyed hash (useless without the key-encryption key) with
 * the subject ids it named; answers hold ids and positions, never personal details. When a
 * subject is erased, every row whose request named it is forgotten: any later request with its
 * key gets one and the same refusal, whatever its body, so that a replay cannot confirm a guess
 * of the erased details.
 */
export class IdempotencyStore implements IdempotencyKeys {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      principal_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      seed_msecs INTEGER NOT NULL,
      seed_secret TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (principal_id, idempotency_key)
    )`);
    const columns = (
      db.prepare('PRAGMA table_info(idempotency_keys)').all() as { name: string }[]
    ).map((c) => c.name);
    if (!columns.includes('hash_scheme')) {
      db.exec(`ALTER TABLE idempotency_keys ADD COLUMN hash_scheme TEXT;
        ALTER TABLE idempotency_keys ADD COLUMN subject_ids TEXT;`);
    }
    // Rows of an older version hold an unkeyed SHA-256 of bodies with personal details in them.
    db.prepare(
      `UPDATE idempotency_keys SET request_hash = ?, hash_scheme = ? WHERE hash_scheme IS NULL`,
    ).run(FORGOTTEN, HASH_SCHEME);
  }

  find(principalId: string, key: string): IdempotencyRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT request_hash, seed_msecs, seed_secret, status, body FROM idempotency_keys
         WHERE principal_id = ? AND idempotency_key = ?`,
      )
      .get(principalId, key) as
      | {
          request_hash: string;
          seed_msecs: number;
          seed_secret: string;
          status: number | null;
          body: string | null;
        }
      | undefined;
    return (
      row && {
        requestHash: row.request_hash,
        seedMsecs: Number(row.seed_msecs),
        seedSecret: row.seed_secret,
        status: row.status === null ? null : Number(row.status),
        body: row.body,
      }
    );
  }

  reserve(
    principalId: string,
    key: string,
    requestHash: string,
    seed: { msecs: number; secret: string },
    subjectIds: readonly string[],
  ): IdempotencyRecord {
    this.db
      .prepare(
        `INSERT INTO idempotency_keys (principal_id, idempotency_key, request_hash, seed_msecs, seed_secret, created_at, hash_scheme, subject_ids)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        principalId,
        key,
        requestHash,
        seed.msecs,
        seed.secret,
        new Date().toISOString(),
        HASH_SCHEME,
        JSON.stringify(subjectIds),
      );
    return {
      requestHash,
      seedMsecs: seed.msecs,
      seedSecret: seed.secret,
      status: null,
      body: null,
    };
  }

  complete(principalId: string, key: string, status: number, body: unknown): void {
    this.db
      .prepare(
        `UPDATE idempotency_keys SET status = ?, body = ? WHERE principal_id = ? AND idempotency_key = ?`,
      )
      .run(status, JSON.stringify(body), principalId, key);
  }

  release(principalId: string, key: string): void {
    this.db
      .prepare(
        `DELETE FROM idempotency_keys WHERE principal_id = ? AND idempotency_key = ? AND status IS NULL`,
      )
      .run(principalId, key);
  }

  /**
   * Forgets every request that named the subject; answers how many. The old hashes' bytes are
   * overwritten in the pages (secure_delete, for this statement only); the caller then empties
   * the write-ahead log with a truncating checkpoint.
   */
  forgetSubject(subjectId: string): number {
    const secureDelete = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      return this.db
        .prepare(
          `UPDATE idempotency_keys SET request_hash = ?, subject_ids = NULL
           WHERE subject_ids IS NOT NULL
             AND EXISTS (SELECT 1 FROM json_each(idempotency_keys.subject_ids) WHERE value = ?)`,
        )
        .run(FORGOTTEN, subjectId).changes;
    } finally {
      this.db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
    }
  }
}
