import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { Principal } from '../../auth/principal';
import {
  digestOf,
  newSessionId,
  storedSessionOf,
  type SessionCredential,
  type SessionRowValues,
  type SessionStore,
  type StoredSession,
} from './session-store';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'web page sessions and the key that signs their cookies',
    sql: (s) => `
      CREATE TABLE ${s}.ui_sessions (
        session_digest text   PRIMARY KEY,
        principal_id   text   NOT NULL,
        credential     text   NOT NULL,
        principal      text   NOT NULL,
        created_ms     bigint NOT NULL,
        last_seen_ms   bigint NOT NULL,
        expires_ms     bigint NOT NULL
      );
      CREATE INDEX ui_sessions_by_principal ON ${s}.ui_sessions (principal_id);
      CREATE TABLE ${s}.ui_session_secret (
        id     integer PRIMARY KEY CHECK (id = 1),
        secret text    NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'the position of the last write made through a session, for read-your-writes',
    sql: (s) => `ALTER TABLE ${s}.ui_sessions ADD COLUMN last_write_position bigint;`,
  },
];

/**
 * The web pages' sessions in the PostgreSQL database every API instance shares: a session
 * opened through one instance is found by all, its idle time is counted from the last request
 * to any of them, and signing out on one ends it on all.
 */
export class PostgresSessionStore implements SessionStore {
  private constructor(
    private readonly pool: Pool,
    private readonly s: string,
  ) {}

  static async open(pool: Pool, schema = 'public'): Promise<PostgresSessionStore> {
    const s = await openMigratedSchema(pool, schema, 'ui_sessions', MIGRATIONS);
    return new PostgresSessionStore(pool, s);
  }

  /**
   * The key that signs the pages' cookies and CSRF tokens, the same for every instance: made
   * by the first instance that asks (the others find it), kept in the shared database.
   */
  async sharedSecret(): Promise<string> {
    await this.pool.query(
      `INSERT INTO ${this.s}.ui_session_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`,
      [randomBytes(32).toString('hex')],
    );
    const { rows } = await this.pool.query<{ secret: string }>(
      `SELECT secret FROM ${this.s}.ui_session_secret WHERE id = 1`,
    );
    return rows[0].secret;
  }

  async open(
    principal: Principal,
    credential: SessionCredential,
    nowMs: number,
    expiresMs: number,
  ): Promise<string> {
    const sessionId = newSessionId();
    await this.pool.query(
      `INSERT INTO ${this.s}.ui_sessions
         (session_digest, principal_id, credential, principal, created_ms, last_seen_ms, expires_ms)
       VALUES ($1, $2, $3, $4, $5, $5, $6)`,
      [
        digestOf(sessionId),
        principal.id,
        JSON.stringify(credential),
        JSON.stringify(principal),
        nowMs,
        expiresMs,
      ],
    );
    return sessionId;
  }

  async find(sessionId: string): Promise<StoredSession | undefined> {
    const { rows } = await this.pool.query<SessionRowValues>(
      `SELECT principal_id, credential, principal, created_ms, last_seen_ms, expires_ms,
              last_write_position
       FROM ${this.s}.ui_sessions WHERE session_digest = $1`,
      [digestOf(sessionId)],
    );
    return rows.length > 0 ? storedSessionOf(rows[0]) : undefined;
  }

  async touch(sessionId: string, nowMs: number): Promise<void> {
    // GREATEST: two instances touching at once never move the idle clock backwards.
    await this.pool.query(
      `UPDATE ${this.s}.ui_sessions SET last_seen_ms = GREATEST(last_seen_ms, $1)
       WHERE session_digest = $2`,
      [nowMs, digestOf(sessionId)],
    );
  }

  async rememberWrite(sessionId: string, position: bigint): Promise<void> {
    // GREATEST (which passes over a null): a slower write's answer never moves it backwards.
    await this.pool.query(
      `UPDATE ${this.s}.ui_sessions SET last_write_position = GREATEST(last_write_position, $1)
       WHERE session_digest = $2`,
      [position.toString(), digestOf(sessionId)],
    );
  }

  async end(sessionId: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.s}.ui_sessions WHERE session_digest = $1`, [
      digestOf(sessionId),
    ]);
  }

  async endAllOf(principalId: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM ${this.s}.ui_sessions WHERE principal_id = $1`,
      [principalId],
    );
    return rowCount ?? 0;
  }

  async sweep(nowMs: number, idleMs: number): Promise<void> {
    await this.pool.query(
      `DELETE FROM ${this.s}.ui_sessions WHERE expires_ms <= $1 OR last_seen_ms <= $2`,
      [nowMs, nowMs - idleMs],
    );
  }
}
