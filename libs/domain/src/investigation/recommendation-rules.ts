import { RECOMMENDATION_ACTIONS, RecommendationAction, RuleViolation } from '../shared';
import type { IssueRecommendation, OpenInvestigationState } from './investigation.decider';
import type { RecommendationIssued } from './investigation.events';
import { requireCitableFindings } from './finding-rules';
import { requireDistinctIds, requireOneOf, requireText } from '../shared';

/** Whom each repatriation must name: the unit (and its commander's unit), or the individuals. */
const TARGET_OF_ACTION: Partial<Record<RecommendationAction, 'contingentId' | 'subjectIds'>> = {
  repatriate_unit: 'contingentId',
  repatriate_commander: 'contingentId',
  repatriate_individuals: 'subjectIds',
};

export function decideIssueRecommendation(
  { data }: IssueRecommendation,
  state: OpenInvestigationState,
): [RecommendationIssued] {
  const { recommendationId, action, contingentId, role, rationale, findingIds } = data;
  requireText(recommendationId, 'recommendationId');
  if (state.recommendations.has(recommendationId)) {
    throw new RuleViolation(
      'recommendation_already_issued',
      'a recommendation with this id is already issued',
      'recommendationId',
    );
  }
  requireOneOf(action, RECOMMENDATION_ACTIONS, 'action');
  const target = TARGET_OF_ACTION[action];
  const subjectIds = data.subjectIds ?? [];
  if (target === 'contingentId' || contingentId !== undefined) {
    requireText(contingentId, 'contingentId', 'contingent_required');
  }
  requireDistinctIds(
    subjectIds,
    'subjectIds',
    target === 'subjectIds' ? 'subjects_required' : undefined,
  );
  if (role !== undefined) requireText(role, 'role');
  requireText(rationale, 'rationale');
  requireCitableFindings(state, findingIds);
  return [
    {
      type: 'RecommendationIssued',
      data: {
        investigationId: state.investigationId,
        recommendationId,
        action,
        ...(contingentId === undefined ? {} : { contingentId }),
        ...(role === undefined ? {} : { role }),
        subjectIds,
        findingIds,
        rationale,
      },
    },
  ];
}
