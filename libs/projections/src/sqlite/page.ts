import type { SqliteDatabase } from './database';
import { versionsAt } from './document-table';
import { idsParameter, type VisibleOnly } from './visible-only';

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
 * valid then. The cursor is a creation position, so a page as of P never moves. With
 * `visible`, only documents the reader may see count: their ids are filtered in SQL, each
 * document (the version read) is checked, and rows are read on until the page is full or none
 * are left.
 */
export function pageOfDocuments<Doc>(
  db: SqliteDatabase,
  table: string,
  filters: Record<string, string | undefined>,
  query: { after?: number; limit?: number; upTo?: number },
  visible?: VisibleOnly,
): Page<Doc> {
  const versions = versionsAt(query.upTo);
  const conditions = [versions.sql, 'position > ?'];
  const params: (string | number)[] = [];
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
  if (visible) {
    conditions.push('id IN (SELECT value FROM json_each(?))');
    params.push(idsParameter(visible));
  }
  const size = pageSize(query.limit);
  const statement = db.prepare(
    `SELECT position, doc FROM ${table} WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
  );
  const rows = readVisible(
    (after, count) =>
      statement.all(...versions.params, after, ...params, count) as {
        position: number;
        doc: string;
      }[],
    (row) => row.position,
    (row) => !visible || visible.shows(JSON.parse(row.doc)),
    query.after ?? -1,
    size + 1,
  );
  return pageOf(
    rows,
    size,
    (row) => row.position,
    (row) => JSON.parse(row.doc) as Doc,
  );
}

/**
 * Up to `wanted` rows that `keep` keeps, read in order from after `after` a batch at a time:
 * the rows a page of a filtered list holds, one more than the page to tell whether more follow.
 */
export function readVisible<Row>(
  read: (after: number, count: number) => Row[],
  cursorOf: (row: Row) => number,
  keep: (row: Row) => boolean,
  after: number,
  wanted: number,
): Row[] {
  const kept: Row[] = [];
  let cursor = after;
  const batch = Math.max(wanted, 100);
  for (;;) {
    const rows = read(cursor, batch);
    for (const row of rows) {
      if (keep(row)) kept.push(row);
      if (kept.length === wanted) return kept;
    }
    if (rows.length < batch) return kept;
    cursor = cursorOf(rows[rows.length - 1]);
  }
}
