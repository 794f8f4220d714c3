import { openMigratedSchema, type Migration } from '@blue-ledger/event-store';
import type { Pool } from 'pg';
import type {
  AccessLog,
  AccessLogFilter,
  AccessLogPage,
  NewRead,
  PersonalDataRead,
} from './access-log';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'reads of personal details',
    sql: (s) => `
      CREATE TABLE ${s}.personal_data_reads (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        read_at      text NOT NULL,
        principal_id text NOT NULL,
        role         text NOT NULL,
        subject_id   text NOT NULL,
        event_id     text NOT NULL,
        stream_id    text NOT NULL,
        request      text NOT NULL
      );
      CREATE INDEX personal_data_reads_by_subject ON ${s}.personal_data_reads (subject_id, id);
      CREATE INDEX personal_data_reads_by_principal ON ${s}.personal_data_reads (principal_id, id);`,
  },
];

interface Row {
  id: string;
  read_at: string;
  principal_id: string;
  role: string;
  subject_id: string;
  event_id: string;
  stream_id: string;
  request: string;
}

/**
 * The access log in the PostgreSQL database every API instance shares: one log of the reads
 * made through any of them, each recorded before its answer is sent. Ids come from an identity
 * column: a reader paging with `after` while reads are being recorded may pass one that commits
 * later with a lower id; read once quiet, the log is complete.
 */
export class PostgresAccessLog implements AccessLog {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async open(pool: Pool, schema = 'public'): Promise<PostgresAccessLog> {
    const s = await openMigratedSchema(pool, schema, 'access_log', MIGRATIONS);
    return new PostgresAccessLog(pool, `${s}.personal_data_reads`);
  }

  async record(reads: NewRead[]): Promise<void> {
    if (reads.length === 0) return;
    const readAt = new Date().toISOString();
    const columns = ['principalId', 'role', 'subjectId', 'eventId', 'streamId', 'request'] as const;
    await this.pool.query(
      `INSERT INTO ${this.table} (read_at, principal_id, role, subject_id, event_id, stream_id, request)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [readAt, ...columns.map((column) => reads.map((read) => read[column]))],
    );
  }

  async list(filter: AccessLogFilter): Promise<AccessLogPage> {
    const conditions = ['id > $1'];
    const params: (string | number)[] = [filter.after ?? 0];
    if (filter.subject !== undefined) {
      params.push(filter.subject);
      conditions.push(`subject_id = $${params.length}`);
    }
    if (filter.principal !== undefined) {
      params.push(filter.principal);
      conditions.push(`principal_id = $${params.length}`);
    }
    params.push(filter.limit + 1);
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM ${this.table} WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    const items: PersonalDataRead[] = rows.slice(0, filter.limit).map((r) => ({
      id: Number(r.id),
      readAt: r.read_at,
      principalId: r.principal_id,
      role: r.role,
      subjectId: r.subject_id,
      eventId: r.event_id,
      streamId: r.stream_id,
      request: r.request,
    }));
    return {
      items,
      next: rows.length > filter.limit ? String(items[items.length - 1].id) : null,
    };
  }
}
