import type { RecordedEvent } from '@blue-ledger/event-store';
import type { DocumentSession } from '../sqlite/document-table';
import { decisionIdOf, evolveDecision, type DecisionRecord } from './decision-record';
import {
  answeredBy,
  issuedRecommendation,
  type RecommendationRecord,
} from './recommendation-record';

export interface RecommendationsAndDecisions {
  recommendations: DocumentSession<RecommendationRecord>;
  decisions: DocumentSession<DecisionRecord>;
}

/**
 * Keeps recommendations and the decisions answering them in step: a decision taken, carried
 * out, reversed or lapsed also changes the status of the recommendation it answers.
 */
export function applyToRecommendationsAndDecisions(
  event: RecordedEvent,
  { recommendations, decisions }: RecommendationsAndDecisions,
): void {
  const issued = issuedRecommendation(event);
  if (issued !== null) {
    if (recommendations.get(issued.recommendationId) === null) {
      recommendations.put(issued.recommendationId, issued);
    }
    return;
  }
  const decisionId = decisionIdOf(event);
  if (decisionId === null) return;
  const decision = decisions.update(decisionId, (doc) => evolveDecision(doc, event));
  const answered = decision?.recommendation;
  if (decision === null || answered === null || answered === undefined) return;
  recommendations.update(answered.recommendationId, (doc) =>
    doc === null ? null : answeredBy(doc, decision),
  );
}
