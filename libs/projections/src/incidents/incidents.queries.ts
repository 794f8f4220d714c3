import type { IncidentCategory } from '@blue-ledger/domain';
import type { IncidentStatus, IncidentSummary } from '../documents/incident-summary';
import type { SqliteDatabase } from '../sqlite/database';
import { pageOfDocuments, type Page } from '../sqlite/page';
import type { VisibleOnly } from '../sqlite/visible-only';
import { incidentSummaries } from './incidents.projection';

export interface IncidentListQuery {
  mission?: string;
  category?: IncidentCategory;
  status?: IncidentStatus;
  /** Cursor: the `next` of the previous page. */
  after?: number;
  limit?: number;
  /** As of this global position (inclusive); now when undefined. */
  upTo?: number;
  /** Only what a reader who may see part of the ledger may see. */
  visible?: VisibleOnly;
}

/** Incidents in the order they were reported, filtered, one page at a time; now or as of `upTo`. */
export function listIncidents(
  db: SqliteDatabase,
  query: IncidentListQuery = {},
): Page<IncidentSummary> {
  return pageOfDocuments<IncidentSummary>(
    db,
    incidentSummaries.name,
    {
      mission_code: query.mission,
      category: query.category,
      status: query.status,
    },
    query,
    query.visible,
  );
}

/** One incident's facts, status and links, now or as of `upTo`; null when not yet reported. */
export function getIncidentSummary(
  db: SqliteDatabase,
  incidentId: string,
  upTo?: number,
): IncidentSummary | null {
  return incidentSummaries.get(db, incidentId, upTo);
}
