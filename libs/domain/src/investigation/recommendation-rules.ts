import { RECOMMENDATION_ACTIONS, RecommendationAction, RuleViolation } from '../shared';
import type { IssueRecommendation, OpenInvestigationState } from './investigation.decider';
import type { RecommendationIssued } from './investigation.events';
import { requireCitableFindings } from './finding-rules';
import { requireDistinctIds, requireOneOf, requireText } from '../shared';

/**
 * Whom a recommendation must name, by its action: a unit to repatriate; individuals by subject
 * id; a mission leader to relieve, by the leader's appointment; a commander to repatriate, who
 * is either a unit's (its contingent) or the mission's (a force or sector commander, a police
 * commissioner: their appointment). A repatriation of a unit or of individuals is never about
 * a mission leader.
 */
function requireTarget(
  action: RecommendationAction,
  { contingentId, appointmentId, subjectIds }: Partial<IssueRecommendation['data']>,
): void {
  if (contingentId !== undefined) requireText(contingentId, 'contingentId', 'contingent_required');
  if (appointmentId !== undefined) requireText(appointmentId, 'appointmentId');
  switch (action) {
    case 'repatriate_unit':
      requireText(contingentId, 'contingentId', 'contingent_required');
      break;
    case 'repatriate_commander':
      if (contingentId === undefined && appointmentId === undefined) {
        throw new RuleViolation(
          'commander_required',
          'name the unit whose commander it concerns (contingentId), or the mission leader (appointmentId)',
          'contingentId',
        );
      }
      if (contingentId !== undefined && appointmentId !== undefined) {
        throw new RuleViolation(
          'unit_or_leader',
          "a commander is a unit's or the mission's: name the contingent or the appointment, not both",
          'appointmentId',
        );
      }
      break;
    case 'relieve_leader':
      requireText(appointmentId, 'appointmentId', 'appointment_required');
      if (contingentId !== undefined) {
        throw new RuleViolation(
          'contingent_not_for_leader',
          'a mission leader is relieved from the mission, not from a unit',
          'contingentId',
        );
      }
      break;
    default:
      break;
  }
  if (
    appointmentId !== undefined &&
    (action === 'repatriate_unit' || action === 'repatriate_individuals')
  ) {
    throw new RuleViolation(
      'appointment_not_for_action',
      `a recommendation to ${action} is not about a mission leader`,
      'appointmentId',
    );
  }
  requireDistinctIds(
    subjectIds ?? [],
    'subjectIds',
    action === 'repatriate_individuals' ? 'subjects_required' : undefined,
  );
}

export function decideIssueRecommendation(
  { data }: IssueRecommendation,
  state: OpenInvestigationState,
): [RecommendationIssued] {
  const { recommendationId, action, contingentId, appointmentId, role, rationale, findingIds } =
    data;
  requireText(recommendationId, 'recommendationId');
  if (state.recommendations.has(recommendationId)) {
    throw new RuleViolation(
      'recommendation_already_issued',
      'a recommendation with this id is already issued',
      'recommendationId',
    );
  }
  requireOneOf(action, RECOMMENDATION_ACTIONS, 'action');
  requireTarget(action, data);
  const subjectIds = data.subjectIds ?? [];
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
        ...(appointmentId === undefined ? {} : { appointmentId }),
        ...(role === undefined ? {} : { role }),
        subjectIds,
        findingIds,
        rationale,
      },
    },
  ];
}
