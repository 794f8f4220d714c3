import type { ContingentState } from '../documents/contingent-state';
import type { SqliteDatabase } from '../sqlite/database';
import { pageOf, pageSize, type Page } from '../sqlite/page';
import { contingentStates } from './contingents.projection';

export interface ContingentListQuery {
  /** ISO 3166-1 alpha-3 of the contributing country. */
  country?: string;
  /** The mission it serves in now. */
  mission?: string;
  /** Cursor: the `next` of the previous page. */
  after?: number;
  limit?: number;
}

/** Contingents in the order they were registered, filtered, one page at a time. */
export function listContingents(
  db: SqliteDatabase,
  query: ContingentListQuery = {},
): Page<ContingentState> {
  const conditions: string[] = ['position > ?'];
  const params: (string | number)[] = [query.after ?? -1];
  if (query.country !== undefined) {
    conditions.push('country = ?');
    params.push(query.country);
  }
  if (query.mission !== undefined) {
    conditions.push('mission_code = ?');
    params.push(query.mission);
  }
  const size = pageSize(query.limit);
  const rows = db
    .prepare(
      `SELECT position, doc FROM ${contingentStates.name}
       WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
    )
    .all(...params, size + 1) as { position: number; doc: string }[];
  return pageOf(
    rows,
    size,
    (row) => row.position,
    (row) => JSON.parse(row.doc) as ContingentState,
  );
}

export function getContingentState(
  db: SqliteDatabase,
  contingentId: string,
): ContingentState | null {
  return contingentStates.get(db, contingentId);
}
