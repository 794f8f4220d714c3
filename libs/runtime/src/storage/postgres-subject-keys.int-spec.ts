import { SubjectErasedError } from '@blue-ledger/access';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import {
  describeOnPostgres,
  dropSchema,
  uniqueSchema,
} from '../../../event-store/src/postgres/testing/test-database';
import { ConfigurationError } from '../config/ledger-config';
import { PostgresSubjectKeys } from './postgres-subject-keys';

const erasure = (subjectId: string) => ({
  subjectId,
  erasedAt: '2026-11-26T12:00:00.000Z',
  erasedBy: 'admin-1',
  reason: 'asked by the subject',
});

describeOnPostgres('Subjects keys in PostgreSQL, shared by every API instance', (url) => {
  const kek = randomBytes(32);
  let schema: string;
  let dataDir: string;
  let pools: Pool[];
  let first: PostgresSubjectKeys;
  let second: PostgresSubjectKeys;

  /** An instance given `key` as LEDGER_KEK (null: none, and no kek file in its directory). */
  const open = async (key: Buffer | null = kek) => {
    const pool = new Pool({ connectionString: url });
    pools.push(pool);
    return PostgresSubjectKeys.open(pool, dataDir, key ?? undefined, schema);
  };

  beforeEach(async () => {
    schema = uniqueSchema();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-keys-'));
    pools = [];
    [first, second] = await Promise.all([open(), open()]);
  });

  afterEach(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await dropSchema(url, schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives every instance the one key a subject has, whoever made it', async () => {
    const made = await Promise.all([first.keyFor('victim-1'), second.keyFor('victim-1')]);
    expect(made[0].equals(made[1])).toBe(true);
    expect((await second.find('victim-1')) as Buffer).toEqual(made[0]);
    expect(await first.has('victim-1')).toBe(true);
    expect(await first.find('nobody')).toBeUndefined();
  });

  it('keeps each key wrapped under the KEK, never as it is', async () => {
    const key = await first.keyFor('victim-1');
    const { rows } = await pools[0].query<{ key: Buffer }>(
      `SELECT key FROM "${schema}".subject_keys WHERE subject_id = 'victim-1'`,
    );
    expect(rows[0].key.includes(key)).toBe(false);
  });

  it('erased on one instance: the key row is gone, and every instance refuses new details', async () => {
    await first.keyFor('victim-1');
    await second.erase(erasure('victim-1'));
    const { rows } = await pools[0].query(
      `SELECT 1 FROM "${schema}".subject_keys WHERE subject_id = 'victim-1'`,
    );
    expect(rows).toEqual([]);
    expect(await first.find('victim-1')).toBe('erased');
    expect(await first.has('victim-1')).toBe(false);
    expect(await first.erasureOf('victim-1')).toEqual(erasure('victim-1'));
    await expect(first.keyFor('victim-1')).rejects.toThrow(SubjectErasedError);
    // Idempotent: erasing again keeps the first record.
    await first.erase({ ...erasure('victim-1'), reason: 'again' });
    expect((await second.erasureOf('victim-1'))?.reason).toBe('asked by the subject');
  });

  it('never leaves a key behind an erasure that races its creation', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        i === 5 ? second.erase(erasure('racer')) : first.keyFor('racer'),
      ),
    );
    expect(
      outcomes.filter((o) => o.status === 'rejected' && !(o.reason instanceof SubjectErasedError)),
    ).toEqual([]);
    expect(await first.has('racer')).toBe(false);
    expect(await first.find('racer')).toBe('erased');
  });

  it('refuses to start an instance without the KEK once keys exist', async () => {
    await first.keyFor('victim-1');
    await expect(open(null)).rejects.toThrow(
      /in the PostgreSQL database are wrapped under a key-encryption key, but neither LEDGER_KEK/,
    );
  });

  it('refuses to start an instance with another KEK', async () => {
    await first.keyFor('victim-1');
    await expect(open(randomBytes(32))).rejects.toThrow(ConfigurationError);
    await expect(open(randomBytes(32))).rejects.toThrow(/give every instance the same LEDGER_KEK/);
  });
});
