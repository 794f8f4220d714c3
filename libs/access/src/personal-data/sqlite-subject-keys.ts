import BetterSqlite3, { type Database } from 'better-sqlite3';
import { newSubjectKey } from './personal-data-cipher';
import { SubjectErasedError, type SubjectErasure, type SubjectKeyStore } from './subject-key-store';

/**
 * Subjects' keys in their own table, on their own connection to the ledger's SQLite file, with
 * `secure_delete` on: erasing a key overwrites the bytes it occupied, and a truncating
 * checkpoint then empties the write-ahead log, so no copy of the key stays in the files.
 */
export class SqliteSubjectKeys implements SubjectKeyStore {
  private readonly db: Database;

  constructor(file: string) {
    this.db = new BetterSqlite3(file, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS subject_keys (
      subject_id TEXT PRIMARY KEY,
      key BLOB NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS subject_erasures (
      subject_id TEXT PRIMARY KEY,
      erased_at TEXT NOT NULL,
      erased_by TEXT NOT NULL,
      reason TEXT NOT NULL
    );`);
  }

  keyFor(subjectId: string): Buffer {
    return this.db
      .transaction(() => {
        const found = this.find(subjectId);
        if (found === 'erased') throw new SubjectErasedError(subjectId);
        if (found) return found;
        const key = newSubjectKey();
        this.db
          .prepare('INSERT INTO subject_keys (subject_id, key, created_at) VALUES (?, ?, ?)')
          .run(subjectId, key, new Date().toISOString());
        return key;
      })
      .immediate();
  }

  find(subjectId: string): Buffer | 'erased' | undefined {
    if (this.erasureOf(subjectId)) return 'erased';
    const key = this.db
      .prepare('SELECT key FROM subject_keys WHERE subject_id = ?')
      .pluck()
      .get(subjectId) as Buffer | undefined;
    return key;
  }

  erase(erasure: SubjectErasure): SubjectErasure {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM subject_keys WHERE subject_id = ?').run(erasure.subjectId);
      this.db
        .prepare(
          'INSERT INTO subject_erasures (subject_id, erased_at, erased_by, reason) VALUES (?, ?, ?, ?)',
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
}
