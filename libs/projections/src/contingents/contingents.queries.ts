import {
  shownContingentState,
  type ContingentState,
  type StoredContingentState,
} from '../documents/contingent-state';
import type { SqliteDatabase } from '../sqlite/database';
import { pageOfDocuments, type Page } from '../sqlite/page';
import { contingentStates } from './contingents.projection';

export interface ContingentListQuery {
  /** ISO 3166-1 alpha-3 of the contributing country. */
  country?: string;
  /** The mission it serves in (then, with `upTo`). */
  mission?: string;
  /** Cursor: the `next` of the previous page. */
  after?: number;
  limit?: number;
  /** As of this global position (inclusive); now when undefined. */
  upTo?: number;
}

/** Contingents in the order they were registered, filtered, one page at a time; now or as of `upTo`. */
export function listContingents(
  db: SqliteDatabase,
  query: ContingentListQuery = {},
): Page<ContingentState> {
  const page = pageOfDocuments<StoredContingentState>(
    db,
    contingentStates.name,
    {
      country: query.country,
      mission_code: query.mission,
    },
    query,
  );
  return { ...page, items: page.items.map(shownContingentState) };
}

/** One contingent's state, now or as of `upTo`; null when not yet registered. */
export function getContingentState(
  db: SqliteDatabase,
  contingentId: string,
  upTo?: number,
): ContingentState | null {
  const doc = contingentStates.get(db, contingentId, upTo);
  return doc === null ? null : shownContingentState(doc);
}
