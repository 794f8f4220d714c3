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
