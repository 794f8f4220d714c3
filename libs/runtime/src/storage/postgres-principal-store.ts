import {
  hashSecret,
  issueToken,
  principalOf,
  type Principal,
  type PrincipalRow,
  type PrincipalStore,
  type StoredPrincipal,
} from '@blue-ledger/access';
import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import type { Pool, PoolClient } from 'pg';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'principals and their token hashes',
    sql: (s) => `
      CREATE TABLE ${s}.principals (
        id         text PRIMARY KEY,
        name       text NOT NULL,
        roles      text NOT NULL,
        country    text,
        created_at text NOT NULL,
        created_by text NOT NULL
      );
      CREATE TABLE ${s}.principal_tokens (
        token_id     text PRIMARY KEY,
        principal_id text NOT NULL REFERENCES ${s}.principals (id),
        secret_hash  text NOT NULL,
        created_at   text NOT NULL,
        revoked_at   text
      );
      CREATE INDEX principal_tokens_by_principal ON ${s}.principal_tokens (principal_id);`,
  },
];

/**
 * Principals managed at run time and their token hashes, in the PostgreSQL database every API
 * instance shares: a principal made through one instance signs in on all, and a revocation
 * takes effect on every instance at its next request (each reads liveness on every request).
 */
export class PostgresPrincipalStore implements PrincipalStore {
  private constructor(
    private readonly pool: Pool,
    private readonly s: string,
  ) {}

  static async open(pool: Pool, schema = 'public'): Promise<PostgresPrincipalStore> {
    return new PostgresPrincipalStore(
      pool,
      await openMigratedSchema(pool, schema, 'principals', MIGRATIONS),
    );
  }

  async exists(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${this.s}.principals WHERE id = $1`, [
      id,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async create(
    principal: Principal,
    createdBy: string,
  ): Promise<{ principal: Principal; token: string; tokenId: string }> {
    const now = new Date().toISOString();
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO ${this.s}.principals (id, name, roles, country, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          principal.id,
          principal.name,
          JSON.stringify(principal.roles),
          principal.country ?? null,
          now,
          createdBy,
        ],
      );
      const issued = await this.issue(client, principal.id, now);
      await client.query('COMMIT');
      return { principal, ...issued };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  issueToken(principalId: string): Promise<{ token: string; tokenId: string }> {
    return this.issue(this.pool, principalId, new Date().toISOString());
  }

  async revokeTokens(principalId: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${this.s}.principal_tokens SET revoked_at = $1
       WHERE principal_id = $2 AND revoked_at IS NULL`,
      [new Date().toISOString(), principalId],
    );
    return rowCount ?? 0;
  }

  async liveToken(
    tokenId: string,
  ): Promise<{ principal: Principal; secretHash: string } | undefined> {
    const { rows } = await this.pool.query<PrincipalRow & { secret_hash: string }>(
      `SELECT p.*, t.secret_hash FROM ${this.s}.principal_tokens t
       JOIN ${this.s}.principals p ON p.id = t.principal_id
       WHERE t.token_id = $1 AND t.revoked_at IS NULL`,
      [tokenId],
    );
    return rows[0] && { principal: principalOf(rows[0]), secretHash: rows[0].secret_hash };
  }

  async list(): Promise<StoredPrincipal[]> {
    const principals = await this.pool.query<PrincipalRow>(
      `SELECT * FROM ${this.s}.principals ORDER BY created_at, id`,
    );
    const tokens = await this.pool.query<{
      principal_id: string;
      token_id: string;
      created_at: string;
      revoked_at: string | null;
    }>(
      `SELECT principal_id, token_id, created_at, revoked_at FROM ${this.s}.principal_tokens
       ORDER BY created_at, token_id`,
    );
    return principals.rows.map((row) => ({
      ...principalOf(row),
      createdAt: row.created_at,
      createdBy: row.created_by,
      tokens: tokens.rows
        .filter((t) => t.principal_id === row.id)
        .map((t) => ({ tokenId: t.token_id, createdAt: t.created_at, revokedAt: t.revoked_at })),
    }));
  }

  private async issue(
    on: Pick<PoolClient, 'query'>,
    principalId: string,
    now: string,
  ): Promise<{ token: string; tokenId: string }> {
    const { tokenId, secret, token } = issueToken();
    await on.query(
      `INSERT INTO ${this.s}.principal_tokens (token_id, principal_id, secret_hash, created_at)
       VALUES ($1, $2, $3, $4)`,
      [tokenId, principalId, hashSecret(secret), now],
    );
    return { token, tokenId };
  }
}
