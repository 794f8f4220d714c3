import type { IncidentCategory } from '@blue-ledger/domain';
import type { IncidentStatus, IncidentSummary } from '../documents/incident-summary';
import type { SqliteDatabase } from '../sqlite/database';
import { pageOf, pageSize, type Page } from '../sqlite/page';
import { incidentSummaries } from './incidents.projection';

export interface IncidentListQuery {
  mission?: string;
  category?: IncidentCategory;
  status?: IncidentStatus;
  /** Cursor: the `next` of the previous page. */
  after?: number;
  limit?: number;
}

/** Incidents in the order they were reported, filtered, one page at a time. */
export function listIncidents(
  db: SqliteDatabase,
  query: IncidentListQuery = {},
): Page<IncidentSummary> {
  const conditions: string[] = ['position > ?'];
  const params: (string | number)[] = [query.after ?? -1];
  if (query.mission !== undefined) {
    conditions.push('mission_code = ?');
    params.push(query.mission);
  }
  if (query.category !== undefined) {
    conditions.push('category = ?');
    params.push(query.category);
  }
  if (query.status !== undefined) {
    conditions.push('status = ?');
    params.push(query.status);
  }
  const size = pageSize(query.limit);
  const rows = db
    .prepare(
      `SELECT position, doc FROM ${incidentSummaries.name}
       WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
    )
    .all(...params, size + 1) as { position: number; doc: string }[];
  return pageOf(
    rows,
    size,
    (row) => row.position,
    (row) => JSON.parse(row.doc) as IncidentSummary,
  );
}

/** One incident's current facts, status and links, or null when it was never reported. */
export function getIncidentSummary(db: SqliteDatabase, incidentId: string): IncidentSummary | null {
  return incidentSummaries.get(db, incidentId);
}
