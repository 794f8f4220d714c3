/**
 * A reader who may see only part of the ledger (a contributing country's liaison): the ids it
 * may see, and a last check of each document or event against everything else it may not.
 * Lists, pages and statistics are then computed over what it may see only, never filtered
 * after the fact: a page holds `limit` visible items, `next` says whether more visible ones
 * follow, and every total and median counts only visible records.
 */
export interface VisibleOnly {
  /** Ids of aggregates and entities the reader may see (a document's id must be one of them). */
  ids: ReadonlySet<string>;
  /** True when the whole document or event may be shown. */
  shows(item: unknown): boolean;
}

/** The ids as a JSON array, for `IN (SELECT value FROM json_each(?))`. */
export const idsParameter = (visible: VisibleOnly): string => JSON.stringify([...visible.ids]);
