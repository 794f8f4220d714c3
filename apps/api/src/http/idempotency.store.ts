import type Database from 'better-sqlite3';

export interface IdempotencyRecord {
  requestHash: string;
  seedMsecs: number;
  seedSecret: string;
  status: number | null;
  body: string | null;
}

/** First answers to requests that carried an Idempotency-Key, per principal, in the local SQLite file. */
export class IdempotencyStore {
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
  ): void {
    this.db
      .prepare(
        `INSERT INTO idempotency_keys (principal_id, idempotency_key, request_hash, seed_msecs, seed_secret, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(principalId, key, requestHash, seed.msecs, seed.secret, new Date().toISOString());
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
}
