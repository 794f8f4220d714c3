import type { RecordedEvent } from '@blue-ledger/event-store';
import type { SqliteDatabase } from '../sqlite/database';
import type { DocumentTable } from '../sqlite/document-table';
import { decisionIdOf, evolveDecision, type DecisionRecord } from './decision-record';
import {
  answeredBy,
  issuedRecommendation,
  type RecommendationRecord,
} from './recommendation-record';

export interface RecommendationAndDecisionTables {
  recommendations: DocumentTable<RecommendationRecord>;
  decisions: DocumentTable<DecisionRecord>;
}

/**
 * Keeps recommendations and the decisions answering them in step: a decision taken, carried
 * out, reversed or lapsed also changes the status of the recommendation it answers.
 */
export function applyToRecommendationsAndDecisions(
  db: SqliteDatabase,
  event: RecordedEvent,
  { recommendations, decisions }: RecommendationAndDecisionTables,
): void {
  const issued = issuedRecommendation(event);
  if (issued !== null) {
    if (recommendations.get(db, issued.recommendationId) === null) {
      recommendations.put(db, issued.recommendationId, issued);
    }
    return;
  }
  const decisionId = decisionIdOf(event);
  if (decisionId === null) return;
  const decision = decisions.update(db, decisionId, (doc) => evolveDecision(doc, event));
  const answered = decision?.recommendation;
  if (decision === null || answered === null || answered === undefined) return;
  recommendations.update(db, answered.recommendationId, (doc) =>
    doc === null ? null : answeredBy(doc, decision),
  );
}
