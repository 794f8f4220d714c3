import type { Role } from '@blue-ledger/domain';
import type { Database } from 'better-sqlite3';
import { hashSecret } from '../tokens/secret-hash';
import { issueToken } from '../tokens/principal-token';
import type { MaybePromise } from '../personal-data/subject-key-store';
import type { Principal } from './principal';

export interface StoredToken {
  tokenId: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface StoredPrincipal extends Principal {
  createdAt: string;
  createdBy: string;
  tokens: StoredToken[];
}

/**
 * Principals managed at run time (`POST /principals`, `ledger principals`) and their tokens,
 * each kept only as a salted scrypt hash of its secret. In the ledger's SQLite file
 * (SqlitePrincipalStore), or in the PostgreSQL database every instance shares.
 */
export interface PrincipalStore {
  exists(id: string): MaybePromise<boolean>;
  /** Records the principal and answers its first token: the only time it is ever shown. */
  create(
    principal: Principal,
    createdBy: string,
  ): MaybePromise<{ principal: Principal; token: string; tokenId: string }>;
  /** A new token for an existing principal (its other tokens stay as they are). */
  issueToken(principalId: string): MaybePromise<{ token: string; tokenId: string }>;
  /** Revokes every live token of the principal; answers how many. */
  revokeTokens(principalId: string): MaybePromise<number>;
  /** The principal and the hash of a live token, by token id. */
  liveToken(
    tokenId: string,
  ): MaybePromise<{ principal: Principal; secretHash: string } | undefined>;
  list(): MaybePromise<StoredPrincipal[]>;
}

export const PRINCIPAL_STORE = Symbol('PRINCIPAL_STORE');

export interface PrincipalRow {
  id: string;
  name: string;
  roles: string;
  country: string | null;
  created_at: string;
  created_by: string;
}

export const principalOf = (row: PrincipalRow): Principal => ({
  id: row.id,
  name: row.name,
  roles: JSON.parse(row.roles) as Role[],
  ...(row.country !== null && { country: row.country }),
});

/**
 * Principals managed at run time (`POST /principals`, `ledger principals`), in the ledger's
 * SQLite file. A token is kept only as a salted scrypt hash of its secret; revoking marks every
 * token of the principal.
 */
export class SqlitePrincipalStore implements PrincipalStore {
  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS principals (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      roles TEXT NOT NULL,
      country TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS principal_tokens (
      token_id TEXT PRIMARY KEY,
      principal_id TEXT NOT NULL REFERENCES principals(id),
      secret_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      revoked_at TEXT
    );
    CREATE INDEX IF NOT EXISTS principal_tokens_by_principal ON principal_tokens (principal_id);`);
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM principals WHERE id = ?').get(id) !== undefined;
  }

  /** Records the principal and answers its first token: the only time it is ever shown. */
  create(
    principal: Principal,
    createdBy: string,
  ): { principal: Principal; token: string; tokenId: string } {
    const now = new Date().toISOString();
    const create = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO principals (id, name, roles, country, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          principal.id,
          principal.name,
          JSON.stringify(principal.roles),
          principal.country ?? null,
          now,
          createdBy,
        );
      return this.issue(principal.id, now);
    });
    return { principal, ...create() };
  }

  /** A new token for an existing principal (its other tokens stay as they are). */
  issueToken(principalId: string): { token: string; tokenId: string } {
    return this.issue(principalId, new Date().toISOString());
  }

  /** Revokes every live token of the principal; answers how many. */
  revokeTokens(principalId: string): number {
    return this.db
      .prepare(
        `UPDATE principal_tokens SET revoked_at = ? WHERE principal_id = ? AND revoked_at IS NULL`,
      )
      .run(new Date().toISOString(), principalId).changes;
  }

  /** The principal and the hash of a live token, by token id. */
  liveToken(tokenId: string): { principal: Principal; secretHash: string } | undefined {
    const row = this.db
      .prepare(
        `SELECT p.*, t.secret_hash FROM principal_tokens t JOIN principals p ON p.id = t.principal_id
         WHERE t.token_id = ? AND t.revoked_at IS NULL`,
      )
      .get(tokenId) as (PrincipalRow & { secret_hash: string }) | undefined;
    return row && { principal: principalOf(row), secretHash: row.secret_hash };
  }

  list(): StoredPrincipal[] {
    const rows = this.db
      .prepare('SELECT * FROM principals ORDER BY created_at, id')
      .all() as PrincipalRow[];
    const tokens = this.db.prepare(
      `SELECT token_id, created_at, revoked_at FROM principal_tokens WHERE principal_id = ? ORDER BY created_at`,
    );
    return rows.map((row) => ({
      ...principalOf(row),
      createdAt: row.created_at,
      createdBy: row.created_by,
      tokens: (
        tokens.all(row.id) as { token_id: string; created_at: string; revoked_at: string | null }[]
      ).map((t) => ({ tokenId: t.token_id, createdAt: t.created_at, revokedAt: t.revoked_at })),
    }));
  }

  private issue(principalId: string, now: string): { token: string; tokenId: string } {
    const { tokenId, secret, token } = issueToken();
    this.db
      .prepare(
        `INSERT INTO principal_tokens (token_id, principal_id, secret_hash, created_at) VALUES (?, ?, ?, ?)`,
      )
      .run(tokenId, principalId, hashSecret(secret), now);
    return { token, tokenId };
  }
}
