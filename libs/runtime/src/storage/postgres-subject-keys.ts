import {
  kekCheckValue,
  newSubjectKey,
  SubjectErasedError,
  unwrapSubjectKey,
  wrapSubjectKey,
  type SubjectErasure,
} from '@blue-ledger/access';
import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import type { Pool, PoolClient } from 'pg';
import { ConfigurationError } from '../config/ledger-config';
import { loadKeyEncryptionKey, type KeyEncryptionKey } from './key-encryption-key';
import type { LedgerSubjectKeys } from './ledger-subject-keys';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'subject keys, erasures and the check value of the KEK',
    sql: (s) => `
      CREATE TABLE ${s}.subject_keys (
        subject_id text        PRIMARY KEY,
        key        bytea       NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${s}.subject_erasures (
        subject_id text PRIMARY KEY,
        erased_at  text NOT NULL,
        erased_by  text NOT NULL,
        reason     text NOT NULL
      );
      CREATE TABLE ${s}.subject_key_wrapping (
        id        integer     PRIMARY KEY CHECK (id = 1),
        kek_check text        NOT NULL,
        since     timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

/** Advisory-lock class for one subject's key: its creation and its erasure never interleave. */
const SUBJECT_LOCK_CLASS = 0x426c4b00;

interface ErasureRow {
  subject_id: string;
  erased_at: string;
  erased_by: string;
  reason: string;
}

/**
 * Subjects' keys in the PostgreSQL database every API instance shares (LEDGER_STORE=postgres),
 * each wrapped under the key-encryption key, which is not in the database: every instance must
 * be given the same one (LEDGER_KEK), and one with another KEK refuses to start, since the
 * database records a check value of the KEK its keys are wrapped under.
 *
 * Erasing deletes the key's row, then VACUUMs the table so the dead row version is no longer in
 * its pages either. Copies written before that stay in the WAL (until its segments are recycled
 * or archived copies expire) and in base backups until they expire: see the README.
 */
export class PostgresSubjectKeys implements LedgerSubjectKeys {
  /** Keys of an older version to wrap: none, on PostgreSQL they were always wrapped. */
  readonly migrated = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly s: string,
    readonly kek: KeyEncryptionKey,
  ) {}

  static async open(
    pool: Pool,
    dataDir: string,
    kekFromEnvironment?: Buffer,
    schema = 'public',
  ): Promise<PostgresSubjectKeys> {
    const s = await openMigratedSchema(pool, schema, 'subject_keys', MIGRATIONS);
    const checkOf = async () =>
      (
        await pool.query<{ kek_check: string }>(
          `SELECT kek_check FROM ${s}.subject_key_wrapping WHERE id = 1`,
        )
      ).rows[0]?.kek_check;
    const recorded = await checkOf();
    let kek: KeyEncryptionKey;
    try {
      kek = loadKeyEncryptionKey(dataDir, kekFromEnvironment, recorded === undefined);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      throw new ConfigurationError(
        `The subjects' keys in the PostgreSQL database are wrapped under a key-encryption key, but neither LEDGER_KEK nor ${dataDir}/kek holds it: give every instance the same LEDGER_KEK.`,
      );
    }
    if (recorded === undefined) {
      await pool.query(
        `INSERT INTO ${s}.subject_key_wrapping (id, kek_check) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`,
        [kekCheckValue(kek.key)],
      );
    }
    // Read again: another instance starting at the same moment may have recorded its own first.
    if ((await checkOf()) !== kekCheckValue(kek.key)) {
      throw new ConfigurationError(
        `The key-encryption key from ${kek.source === 'file' ? `${dataDir}/kek` : 'LEDGER_KEK'} is not the one the subjects' keys in the PostgreSQL database are wrapped under: give every instance the same LEDGER_KEK.`,
      );
    }
    return new PostgresSubjectKeys(pool, s, kek);
  }

  async keyFor(subjectId: string): Promise<Buffer> {
    return this.underSubjectLock(subjectId, async (client) => {
      if (await this.erasureRow(client, subjectId)) throw new SubjectErasedError(subjectId);
      const wrapped = await this.storedKey(client, subjectId);
      if (wrapped) return this.unwrap(subjectId, wrapped);
      const key = newSubjectKey();
      await client.query(`INSERT INTO ${this.s}.subject_keys (subject_id, key) VALUES ($1, $2)`, [
        subjectId,
        wrapSubjectKey(this.kek.key, subjectId, key),
      ]);
      return key;
    });
  }

  async find(subjectId: string): Promise<Buffer | 'erased' | undefined> {
    if (await this.erasureRow(this.pool, subjectId)) return 'erased';
    const wrapped = await this.storedKey(this.pool, subjectId);
    return wrapped && unwrapSubjectKey(this.kek.key, subjectId, wrapped);
  }

  async has(subjectId: string): Promise<boolean> {
    return (await this.storedKey(this.pool, subjectId)) !== undefined;
  }

  async erase(erasure: SubjectErasure): Promise<SubjectErasure> {
    const deleted = await this.underSubjectLock(erasure.subjectId, async (client) => {
      const { rowCount } = await client.query(
        `DELETE FROM ${this.s}.subject_keys WHERE subject_id = $1`,
        [erasure.subjectId],
      );
      await client.query(
        `INSERT INTO ${this.s}.subject_erasures (subject_id, erased_at, erased_by, reason)
         VALUES ($1, $2, $3, $4) ON CONFLICT (subject_id) DO NOTHING`,
        [erasure.subjectId, erasure.erasedAt, erasure.erasedBy, erasure.reason],
      );
      return rowCount ?? 0;
    });
    // The deleted row version stays in the table's pages until VACUUM reclaims it: now.
    if (deleted > 0) await this.pool.query(`VACUUM ${this.s}.subject_keys`);
    return erasure;
  }

  async erasureOf(subjectId: string): Promise<SubjectErasure | undefined> {
    const row = await this.erasureRow(this.pool, subjectId);
    return (
      row && {
        subjectId: row.subject_id,
        erasedAt: row.erased_at,
        erasedBy: row.erased_by,
        reason: row.reason,
      }
    );
  }

  /** The pool belongs to the event store, which closes it. */
  close(): void {}

  private unwrap(subjectId: string, wrapped: Buffer): Buffer {
    const key = unwrapSubjectKey(this.kek.key, subjectId, wrapped);
    if (!key) throw new Error(`the stored key of subject ${subjectId} does not open under the KEK`);
    return key;
  }

  private async underSubjectLock<T>(
    subjectId: string,
    work: (client: PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        SUBJECT_LOCK_CLASS,
        subjectId,
      ]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async erasureRow(
    on: Pick<Pool, 'query'>,
    subjectId: string,
  ): Promise<ErasureRow | undefined> {
    const { rows } = await on.query<ErasureRow>(
      `SELECT subject_id, erased_at, erased_by, reason FROM ${this.s}.subject_erasures WHERE subject_id = $1`,
      [subjectId],
    );
    return rows[0];
  }

  private async storedKey(on: Pick<Pool, 'query'>, subjectId: string): Promise<Buffer | undefined> {
    const { rows } = await on.query<{ key: Buffer }>(
      `SELECT key FROM ${this.s}.subject_keys WHERE subject_id = $1`,
      [subjectId],
    );
    return rows[0]?.key;
  }
}
