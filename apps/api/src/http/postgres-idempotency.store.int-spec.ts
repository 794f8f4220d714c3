import { Pool } from 'pg';
import {
  describeOnPostgres,
  dropSchema,
  uniqueSchema,
} from '../../../../libs/event-store/src/postgres/testing/test-database';
import { FORGOTTEN } from './idempotency.store';
import { PostgresIdempotencyKeys } from './postgres-idempotency.store';

const seed = (msecs: number) => ({ msecs, secret: `secret-${msecs}` });

describeOnPostgres('Idempotency keys in PostgreSQL, shared by every API instance', (url) => {
  let schema: string;
  let pools: Pool[];
  /** Two instances: two pools on the same database, as two processes would have. */
  let first: PostgresIdempotencyKeys;
  let second: PostgresIdempotencyKeys;

  beforeEach(async () => {
    schema = uniqueSchema();
    pools = [new Pool({ connectionString: url }), new Pool({ connectionString: url })];
    [first, second] = await Promise.all(
      pools.map((pool) => PostgresIdempotencyKeys.open(pool, schema)),
    );
  });

  afterEach(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await dropSchema(url, schema);
  });

  it('answers a key reserved on one instance, with its seed, on the other', async () => {
    await first.reserve('alice', 'k1', 'hash-1', seed(1), ['subject-a']);
    expect(await second.find('alice', 'k1')).toEqual({
      requestHash: 'hash-1',
      seedMsecs: 1,
      seedSecret: 'secret-1',
      status: null,
      body: null,
    });
    await first.complete('alice', 'k1', 201, { id: 'x', position: 7 });
    expect(await second.find('alice', 'k1')).toMatchObject({
      status: 201,
      body: JSON.stringify({ id: 'x', position: 7 }),
    });
  });

  it('keeps keys apart per principal', async () => {
    await first.reserve('alice', 'k1', 'hash-1', seed(1), []);
    expect(await second.find('bob', 'k1')).toBeUndefined();
  });

  it('lets one of two racing reservations stand, and both instances run with its seed', async () => {
    const reserved = await Promise.all([
      first.reserve('alice', 'k1', 'hash-1', seed(1), []),
      second.reserve('alice', 'k1', 'hash-1', seed(2), []),
    ]);
    expect(reserved[0].seedMsecs).toBe(reserved[1].seedMsecs);
    expect(reserved[0].seedSecret).toBe(reserved[1].seedSecret);
  });

  it('releases only a reservation without an answer', async () => {
    await first.reserve('alice', 'k1', 'hash-1', seed(1), []);
    await first.reserve('alice', 'k2', 'hash-2', seed(2), []);
    await first.complete('alice', 'k2', 201, {});
    await second.release('alice', 'k1');
    await second.release('alice', 'k2');
    expect(await first.find('alice', 'k1')).toBeUndefined();
    expect(await first.find('alice', 'k2')).toMatchObject({ status: 201 });
  });

  it('forgets, on any instance, every request that named an erased subject, and only those', async () => {
    await first.reserve('alice', 'k1', 'hash-1', seed(1), ['subject-a', 'subject-b']);
    await first.reserve('alice', 'k2', 'hash-2', seed(2), ['subject-b']);
    await first.reserve('bob', 'k3', 'hash-3', seed(3), []);
    expect(await second.forgetSubject('subject-a')).toBe(1);
    expect((await first.find('alice', 'k1'))?.requestHash).toBe(FORGOTTEN);
    expect((await first.find('alice', 'k2'))?.requestHash).toBe('hash-2');
    expect((await first.find('bob', 'k3'))?.requestHash).toBe('hash-3');
    expect(await second.forgetSubject('subject-a')).toBe(0);
  });

  it('creates its table once when several instances start at once', async () => {
    const more = Array.from({ length: 4 }, () => new Pool({ connectionString: url }));
    pools.push(...more);
    await Promise.all(more.map((pool) => PostgresIdempotencyKeys.open(pool, schema)));
    const { rows } = await pools[0].query(
      `SELECT version FROM "${schema}".schema_migrations WHERE component = 'idempotency_keys'`,
    );
    expect(rows).toEqual([{ version: 1 }]);
  });
});
