import type { Database } from 'better-sqlite3';

export interface PersonalDataRead {
  id: number;
  readAt: string;
  principalId: string;
  role: string;
  subjectId: string;
  eventId: string;
  streamId: string;
  request: string;
}

export type NewRead = Omit<PersonalDataRead, 'id' | 'readAt'>;

export interface AccessLogPage {
  items: PersonalDataRead[];
  next: string | null;
}

export interface AccessLogFilter {
  subject?: string;
  principal?: string;
  after?: number;
  limit: number;
}

/**
 * Every disclosure of a subject's details in clear: who read whose, in which event, how. In the
 * API's SQLite file (SqliteAccessLog), or in the PostgreSQL database every instance shares
 * (PostgresAccessLog), so that one log holds the reads of every instance.
 */
export interface AccessLog {
  record(reads: NewRead[]): void | Promise<void>;
  list(filter: AccessLogFilter): AccessLogPage | Promise<AccessLogPage>;
}

export const ACCESS_LOG = Symbol('ACCESS_LOG');

export class SqliteAccessLog implements AccessLog {
  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS personal_data_reads (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      read_at TEXT NOT NULL,
      principal_id TEXT NOT NULL,
      role TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      stream_id TEXT NOT NULL,
      request TEXT NOT NULL
    )`);
  }

  record(reads: NewRead[]): void {
    if (reads.length === 0) return;
    const readAt = new Date().toISOString();
    const insert = this.db.prepare(
      `INSERT INTO personal_data_reads (read_at, principal_id, role, subject_id, event_id, stream_id, request)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const r of reads) {
        insert.run(readAt, r.principalId, r.role, r.subjectId, r.eventId, r.streamId, r.request);
      }
    })();
  }

  list(filter: AccessLogFilter): AccessLogPage {
    const conditions = ['id > ?'];
    const params: (string | number)[] = [filter.after ?? 0];
    if (filter.subject !== undefined) {
      conditions.push('subject_id = ?');
      params.push(filter.subject);
    }
    if (filter.principal !== undefined) {
      conditions.push('principal_id = ?');
      params.push(filter.principal);
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM personal_data_reads WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT ?`,
      )
      .all(...params, filter.limit + 1) as Record<string, string | number>[];
    const items = rows.slice(0, filter.limit).map((r) => ({
      id: Number(r.id),
      readAt: String(r.read_at),
      principalId: String(r.principal_id),
      role: String(r.role),
      subjectId: String(r.subject_id),
      eventId: String(r.event_id),
      streamId: String(r.stream_id),
      request: String(r.request),
    }));
    return {
      items,
      next: rows.length > filter.limit ? String(items[items.length - 1].id) : null,
    };
  }
}
