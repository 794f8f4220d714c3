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

export function getContingentState(
  db: SqliteDatabase,
  contingentId: string,
): ContingentState | null {
  const doc = contingentStates.get(db, contingentId);
  return doc === null ? null : shownContingentState(doc);
}
