import type { RecommendationAction } from '@blue-ledger/domain';
import type {
  RecommendationRecord,
  RecommendationStatus,
} from '../documents/recommendation-record';
import type { SqliteDatabase } from '../sqlite/database';
import { pageOfDocuments, type Page } from '../sqlite/page';
import type { VisibleOnly } from '../sqlite/visible-only';
import { FINDINGS_TABLE, recommendations } from './follow-through.tables';

export interface RecommendationListQuery {
  status?: RecommendationStatus;
  contingentId?: string;
  /** Cursor: the `next` of the previous page. */
  after?: number;
  limit?: number;
  /** As of this global position (inclusive); now when undefined. */
  upTo?: number;
  /** Only what a reader who may see part of the ledger may see. */
  visible?: VisibleOnly;
}

/** Recommendations in the order they were issued, with their status, one page at a time; now or as of `upTo`. */
export function listRecommendations(
  db: SqliteDatabase,
  query: RecommendationListQuery = {},
): Page<RecommendationRecord> {
  return pageOfDocuments<RecommendationRecord>(
    db,
    recommendations.name,
    {
      status: query.status,
      contingent_id: query.contingentId,
    },
    query,
    query.visible,
  );
}

export function getRecommendation(
  db: SqliteDatabase,
  recommendationId: string,
  upTo?: number,
): RecommendationRecord | null {
  return recommendations.get(db, recommendationId, upTo);
}

/** What a decision answering the recommendation must cite. */
export interface RecommendationReference {
  recommendationId: string;
  investigationId: string;
  action: RecommendationAction;
  contingentId: string | null;
}

/** The recommendation's investigation, action and unit, or null when it is unknown. */
export function findRecommendation(
  db: SqliteDatabase,
  recommendationId: string,
): RecommendationReference | null {
  const row = db
    .prepare(
      `SELECT id AS recommendationId, investigation_id AS investigationId, action,
              contingent_id AS contingentId
       FROM ${recommendations.name} WHERE id = ? AND valid_to IS NULL`,
    )
    .get(recommendationId) as RecommendationReference | undefined;
  return row ?? null;
}

/** The investigation a finding was recorded in, or null when the finding is unknown. */
export function findInvestigationOfFinding(db: SqliteDatabase, findingId: string): string | null {
  const investigationId = db
    .prepare(`SELECT investigation_id FROM ${FINDINGS_TABLE} WHERE finding_id = ? LIMIT 1`)
    .pluck()
    .get(findingId) as string | undefined;
  return investigationId ?? null;
}
