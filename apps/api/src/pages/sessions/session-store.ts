import type { Database } from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../../auth/principal';

/**
 * What a session was opened with, so that each request can ask whether it still holds: a
 * configured principal (still configured), a token of the principal store (not revoked), or an
 * identity provider's JWT (not expired). The token itself is never kept.
 */
export type SessionCredential =
  { kind: 'configured' } | { kind: 'store'; tokenId: string } | { kind: 'oidc' };

export interface StoredSession {
  principalId: string;
  credential: SessionCredential;
  /** The principal as it was at sign-in (roles and country are re-read where they can be). */
  principal: Principal;
  createdMs: number;
  lastSeenMs: number;
  expiresMs: number;
  /**
   * The global position of the last write made through a form of this session (on any
   * instance), or null: every page rendered for the session first waits for its read models to
   * hold it (read your writes across instances).
   */
  lastWritePosition: bigint | null;
}

/** A session id is kept only as its SHA-256: a copy of the database opens no session. */
export const digestOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

/** A new session id: 32 random bytes, which only the cookie carries. */
export const newSessionId = () => randomBytes(32).toString('base64url');

/** The injection token of the pages' SessionStore. */
export const SESSION_STORE = Symbol('SESSION_STORE');

/**
 * Where the web pages' sessions are kept: the API's SQLite file, or (LEDGER_STORE=postgres) the
 * database every instance shares, so that a session opened on one instance holds on all and
 * ending it on one ends it everywhere.
 */
export interface SessionStore {
  /** Opens a session; answers its id, which only the cookie carries. */
  open(
    principal: Principal,
    credential: SessionCredential,
    nowMs: number,
    expiresMs: number,
  ): Promise<string>;
  find(sessionId: string): Promise<StoredSession | undefined>;
  touch(sessionId: string, nowMs: number): Promise<void>;
  /** Remembers a write of the session, unless it already remembers a later one. */
  rememberWrite(sessionId: string, position: bigint): Promise<void>;
  end(sessionId: string): Promise<void>;
  /** Ends every session of a principal (its tokens were revoked); answers how many. */
  endAllOf(principalId: string): Promise<number>;
  /** Forgets sessions that can no longer be used. */
  sweep(nowMs: number, idleMs: number): Promise<void>;
}

export interface SessionRowValues {
  principal_id: string;
  credential: string;
  principal: string;
  created_ms: number | string;
  last_seen_ms: number | string;
  expires_ms: number | string;
  last_write_position: number | string | bigint | null;
}

export const storedSessionOf = (row: SessionRowValues): StoredSession => ({
  principalId: row.principal_id,
  credential: JSON.parse(row.credential) as SessionCredential,
  principal: JSON.parse(row.principal) as Principal,
  createdMs: Number(row.created_ms),
  lastSeenMs: Number(row.last_seen_ms),
  expiresMs: Number(row.expires_ms),
  lastWritePosition: row.last_write_position === null ? null : BigInt(row.last_write_position),
});

/** The web pages' sessions, in the file the API writes its own tables in. */
export class SqliteSessionStore implements SessionStore {
  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS ui_sessions (
      session_digest TEXT PRIMARY KEY,
      principal_id TEXT NOT NULL,
      credential TEXT NOT NULL,
      principal TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      last_seen_ms INTEGER NOT NULL,
      expires_ms INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ui_sessions_by_principal ON ui_sessions (principal_id);`);
    const columns = db.prepare('PRAGMA table_info(ui_sessions)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'last_write_position')) {
      db.exec('ALTER TABLE ui_sessions ADD COLUMN last_write_position INTEGER');
    }
  }

  async open(
    principal: Principal,
    credential: SessionCredential,
    nowMs: number,
    expiresMs: number,
  ): Promise<string> {
    const sessionId = newSessionId();
    this.db
      .prepare(
        `INSERT INTO ui_sessions (session_digest, principal_id, credential, principal, created_ms, last_seen_ms, expires_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        digestOf(sessionId),
        principal.id,
        JSON.stringify(credential),
        JSON.stringify(principal),
        nowMs,
        nowMs,
        expiresMs,
      );
    return sessionId;
  }

  async find(sessionId: string): Promise<StoredSession | undefined> {
    const row = this.db
      .prepare('SELECT * FROM ui_sessions WHERE session_digest = ?')
      .get(digestOf(sessionId)) as SessionRowValues | undefined;
    return row && storedSessionOf(row);
  }

  async touch(sessionId: string, nowMs: number): Promise<void> {
    this.db
      .prepare('UPDATE ui_sessions SET last_seen_ms = ? WHERE session_digest = ?')
      .run(nowMs, digestOf(sessionId));
  }

  async rememberWrite(sessionId: string, position: bigint): Promise<void> {
    this.db
      .prepare(
        `UPDATE ui_sessions SET last_write_position = max(coalesce(last_write_position, -1), ?)
         WHERE session_digest = ?`,
      )
      .run(position, digestOf(sessionId));
  }

  async end(sessionId: string): Promise<void> {
    this.db.prepare('DELETE FROM ui_sessions WHERE session_digest = ?').run(digestOf(sessionId));
  }

  async endAllOf(principalId: string): Promise<number> {
    return this.db.prepare('DELETE FROM ui_sessions WHERE principal_id = ?').run(principalId)
      .changes;
  }

  async sweep(nowMs: number, idleMs: number): Promise<void> {
    this.db
      .prepare('DELETE FROM ui_sessions WHERE expires_ms <= ? OR last_seen_ms <= ?')
      .run(nowMs, nowMs - idleMs);
  }
}
