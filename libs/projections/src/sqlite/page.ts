import type { SqliteDatabase } from './database';
import { versionsAt } from './document-table';

/** One page of a list read in a stable order; `next` is the cursor for the page after, or null. */
export interface Page<T> {
  items: T[];
  next: number | null;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

/** `rows` were read with `LIMIT size + 1`: one more than the page says whether there is a next. */
export function pageOf<Row, Item>(
  rows: Row[],
  size: number,
  cursorOf: (row: Row) => number,
  toItem: (row: Row) => Item,
): Page<Item> {
  const more = rows.length > size;
  const kept = more ? rows.slice(0, size) : rows;
  return { items: kept.map(toItem), next: more ? cursorOf(kept[kept.length - 1]) : null };
}

/**
 * One page of a DocumentTable in the order the documents were created (its `position` column:
 * the global position of the event that created the document), with equality filters on
 * indexed columns (a filter whose value is undefined is left out): of the current versions, or
 * with `upTo` of the versions valid at that global position, filters applying to the values
 * valid then. The cursor is a creation position, so a page as of P never moves.
 */
export function pageOfDocuments<Doc>(
  db: SqliteDatabase,
  table: string,
  filters: Record<string, string | undefined>,
  query: { after?: number; limit?: number; upTo?: number },
): Page<Doc> {
  const versions = versionsAt(query.upTo);
  const conditions = [versions.sql, 'position > ?'];
  const params: (string | number)[] = [...versions.params, query.after ?? -1];
  // No version of a document created after P is valid at P: the walk stops there.
  if (query.upTo !== undefined) {
    conditions.push('position <= ?');
    params.push(query.upTo);
  }
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  const size = pageSize(query.limit);
  const rows = db
    .prepare(
      `SELECT position, doc FROM ${table} WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
    )
    .all(...params, size + 1) as { position: number; doc: string }[];
  return pageOf(
    rows,
    size,
    (row) => row.position,
    (row) => JSON.parse(row.doc) as Doc,
  );
}
