import Database from 'better-sqlite3';
import { Pool } from 'pg';
import {
  describeOnPostgres,
  dropSchema,
  uniqueSchema,
} from '../../../../../libs/event-store/src/postgres/testing/test-database';
import type { Principal } from '../../auth/principal';
import { PostgresSessionStore } from './postgres-session-store';
import { SqliteSessionStore, type SessionStore } from './session-store';

const principal: Principal = { id: 'inv-1', name: 'An investigator', roles: ['investigator'] };

/** The last write a session remembers, whichever instance's store is asked. */
function remembersItsLastWrite(open: () => Promise<[SessionStore, SessionStore]>) {
  it('is null until a write, then the highest position written, whichever instance wrote last', async () => {
    const [one, other] = await open();
    const sessionId = await one.open(principal, { kind: 'configured' }, 1000, 100_000);
    expect((await other.find(sessionId))?.lastWritePosition).toBeNull();
    await one.rememberWrite(sessionId, 42n);
    expect((await other.find(sessionId))?.lastWritePosition).toBe(42n);
    // A slower write's answer, remembered after a later one, never moves it backwards.
    await other.rememberWrite(sessionId, 17n);
    expect((await one.find(sessionId))?.lastWritePosition).toBe(42n);
    await other.rememberWrite(sessionId, 43n);
    expect((await one.find(sessionId))?.lastWritePosition).toBe(43n);
  });
}

describe('The last write of a page session, in SQLite', () => {
  remembersItsLastWrite(async () => {
    const db = new Database(':memory:');
    return [new SqliteSessionStore(db), new SqliteSessionStore(db)];
  });

  it('is added to a sessions table made before it, keeping its sessions', async () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE ui_sessions (
      session_digest TEXT PRIMARY KEY, principal_id TEXT NOT NULL, credential TEXT NOT NULL,
      principal TEXT NOT NULL, created_ms INTEGER NOT NULL, last_seen_ms INTEGER NOT NULL,
      expires_ms INTEGER NOT NULL)`);
    db.prepare(`INSERT INTO ui_sessions VALUES ('d', 'inv-1', '{}', '{}', 1, 1, 2)`).run();
    new SqliteSessionStore(db);
    expect(db.prepare('SELECT * FROM ui_sessions').all()).toEqual([
      expect.objectContaining({ session_digest: 'd', last_write_position: null }),
    ]);
  });
});

describeOnPostgres('The last write of a page session, in PostgreSQL', (url) => {
  let schema: string;
  let pools: Pool[] = [];

  afterEach(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await dropSchema(url, schema);
  });

  remembersItsLastWrite(async () => {
    schema = uniqueSchema();
    pools = [new Pool({ connectionString: url }), new Pool({ connectionString: url })];
    const [one, other] = await Promise.all(
      pools.map((pool) => PostgresSessionStore.open(pool, schema)),
    );
    return [one, other];
  });
});
