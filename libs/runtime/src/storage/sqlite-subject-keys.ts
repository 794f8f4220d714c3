import {
  isUnwrappedSubjectKey,
  kekCheckValue,
  newSubjectKey,
  SubjectErasedError,
  unwrapSubjectKey,
  wrapSubjectKey,
  type SubjectErasure,
} from '@blue-ledger/access';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ConfigurationError } from '../config/ledger-config';
import { loadKeyEncryptionKey, type KeyEncryptionKey } from './key-encryption-key';
import type { LedgerSubjectKeys } from './ledger-subject-keys';

/**
 * Subjects' keys in their own table, on their own connection to the ledger's SQLite file, each
 * wrapped under the key-encryption key (KEK), which is not in the database: a copy of the file
 * alone opens no personal detail. `secure_delete` is on: erasing a key overwrites the bytes it
 * occupied, and a truncating checkpoint then empties the write-ahead log, so no copy of the
 * wrapped key stays in the files either.
 */
export class SqliteSubjectKeys implements LedgerSubjectKeys {
  /** Keys found unwrapped (stored by an older version) and wrapped in place at this start. */
  readonly migrated: number;
  readonly kek: KeyEncryptionKey;

  private constructor(
    private readonly db: Database,
    kek: KeyEncryptionKey,
  ) {
    this.kek = kek;
    this.migrated = this.wrapUnwrappedKeys();
  }

  /**
   * Opens the keys of the ledger file `file`, with LEDGER_KEK or the data directory's `kek` file
   * (made on first start). Refuses to start with a KEK other than the one the keys were wrapped
   * under, or without a KEK once keys were wrapped.
   */
  static open(file: string, dataDir: string, kekFromEnvironment?: Buffer): SqliteSubjectKeys {
    const db = new BetterSqlite3(file, { timeout: 5000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('secure_delete = ON');
      db.exec(`CREATE TABLE IF NOT EXISTS subject_keys (
        subject_id TEXT PRIMARY KEY,
        key BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS subject_erasures (
        subject_id TEXT PRIMARY KEY,
        erased_at TEXT NOT NULL,
        erased_by TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS subject_key_wrapping (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kek_check TEXT NOT NULL,
        since TEXT NOT NULL
      );`);
      const check = db.prepare('SELECT kek_check FROM subject_key_wrapping').pluck().get() as
        string | undefined;
      const kek = loadKeyEncryptionKey(dataDir, kekFromEnvironment, check === undefined);
      if (check !== undefined && check !== kekCheckValue(kek.key)) {
        throw new ConfigurationError(
          `The key-encryption key from ${kek.source === 'file' ? `${dataDir}/kek` : 'LEDGER_KEK'} is not the one the subjects' keys in ${file} are wrapped under.`,
        );
      }
      if (check === undefined) {
        db.prepare('INSERT INTO subject_key_wrapping (id, kek_check, since) VALUES (1, ?, ?)').run(
          kekCheckValue(kek.key),
          new Date().toISOString(),
        );
      }
      return new SqliteSubjectKeys(db, kek);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  keyFor(subjectId: string): Buffer {
    return this.db
      .transaction(() => {
        const found = this.find(subjectId);
        if (found === 'erased') throw new SubjectErasedError(subjectId);
        if (found) return found;
        if (this.storedKey(subjectId) !== undefined) {
          throw new Error(`the stored key of subject ${subjectId} does not open under the KEK`);
        }
        const key = newSubjectKey();
        this.db
          .prepare('INSERT INTO subject_keys (subject_id, key, created_at) VALUES (?, ?, ?)')
          .run(subjectId, wrapSubjectKey(this.kek.key, subjectId, key), new Date().toISOString());
        return key;
      })
      .immediate();
  }

  find(subjectId: string): Buffer | 'erased' | undefined {
    if (this.erasureOf(subjectId)) return 'erased';
    const stored = this.storedKey(subjectId);
    return stored && unwrapSubjectKey(this.kek.key, subjectId, stored);
  }

  /** The subject has a key: details were sealed for it (and it is not erased). */
  has(subjectId: string): boolean {
    return this.storedKey(subjectId) !== undefined;
  }

  /**
   * Destroys the subject's wrapped key and remembers the erasure (the `SubjectErased` event is
   * the record; this row only lets the key store refuse new details quickly). Idempotent.
   */
  erase(erasure: SubjectErasure): SubjectErasure {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM subject_keys WHERE subject_id = ?').run(erasure.subjectId);
      this.db
        .prepare(
          'INSERT OR IGNORE INTO subject_erasures (subject_id, erased_at, erased_by, reason) VALUES (?, ?, ?, ?)',
        )
        .run(erasure.subjectId, erasure.erasedAt, erasure.erasedBy, erasure.reason);
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return erasure;
  }

  erasureOf(subjectId: string): SubjectErasure | undefined {
    const row = this.db
      .prepare('SELECT * FROM subject_erasures WHERE subject_id = ?')
      .get(subjectId) as
      { subject_id: string; erased_at: string; erased_by: string; reason: string } | undefined;
    return (
      row && {
        subjectId: row.subject_id,
        erasedAt: row.erased_at,
        erasedBy: row.erased_by,
        reason: row.reason,
      }
    );
  }

  close(): void {
    this.db.close();
  }

  private storedKey(subjectId: string): Buffer | undefined {
    return this.db
      .prepare('SELECT key FROM subject_keys WHERE subject_id = ?')
      .pluck()
      .get(subjectId) as Buffer | undefined;
  }

  /** Keys an older version stored as they were: wrapped in place, and the log emptied of them. */
  private wrapUnwrappedKeys(): number {
    const rows = this.db
      .prepare('SELECT subject_id, key FROM subject_keys WHERE length(key) = 32')
      .all() as { subject_id: string; key: Buffer }[];
    const legacy = rows.filter((row) => isUnwrappedSubjectKey(row.key));
    if (legacy.length === 0) return 0;
    const update = this.db.prepare('UPDATE subject_keys SET key = ? WHERE subject_id = ?');
    this.db.transaction(() => {
      for (const row of legacy) {
        update.run(wrapSubjectKey(this.kek.key, row.subject_id, row.key), row.subject_id);
      }
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return legacy.length;
  }
}
