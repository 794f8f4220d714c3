import {
  DECISION_OUTCOMES,
  DECISION_SCOPES,
  REPATRIATION_ACTIONS,
  requireReason,
  RuleViolation,
} from '../shared';
import { requireIsoInstant } from '../shared/time';
// Generic input checks; they live with the investigation, which needed them first.
import { requireDistinctIds, requireOneOf, requireText } from '../shared';
import type {
  DecidedDecisionState,
  DecideRepatriation,
  ImplementRepatriation,
  LapseRepatriation,
  RecommendationToAnswer,
  ReverseRepatriation,
} from './decision.decider';
import type {
  AnsweredRecommendation,
  RepatriationDecided,
  RepatriationImplemented,
  RepatriationLapsed,
  RepatriationReversed,
} from './decision.events';

/**
 * A decision names its authority and rationale, and the recommendation it answers where there
 * is one. Retaining or deferring against a recommendation to repatriate must say why.
 */
export function decideRepatriation(
  { data, meta }: DecideRepatriation,
  state: { status: 'undecided' } | DecidedDecisionState,
): [RepatriationDecided] {
  if (state.status === 'decided') {
    throw new RuleViolation(
      'decision_already_taken',
      'this decision is already taken; reverse it or take a new one',
      'decisionId',
    );
  }
  const { decisionId, contingentId, scope, outcome, authority, rationale } = data;
  requireText(decisionId, 'decisionId');
  requireText(contingentId, 'contingentId');
  requireOneOf(scope, DECISION_SCOPES, 'scope');
  requireOneOf(outcome, DECISION_OUTCOMES, 'outcome');
  requireText(authority, 'authority');
  requireText(rationale, 'rationale');
  const subjectIds = data.subjectIds ?? [];
  requireDistinctIds(
    subjectIds,
    'subjectIds',
    scope === 'individuals' ? 'subjects_required' : undefined,
  );
  const recommendation =
    data.recommendation === undefined
      ? undefined
      : answeredRecommendation(data.recommendation, contingentId);
  const deviates = recommendation !== undefined && outcome !== 'repatriate';
  if (deviates) {
    requireText(data.reasonForDeviation, 'reasonForDeviation', 'deviation_reason_required');
  }
  const reasonForDeviation = data.reasonForDeviation?.trim() ? data.reasonForDeviation : undefined;
  const decidedAt = requireIsoInstant(data.decidedAt ?? meta.now, 'decidedAt');
  return [
    {
      type: 'RepatriationDecided',
      data: {
        decisionId,
        ...(recommendation === undefined ? {} : { recommendation }),
        contingentId,
        scope,
        outcome,
        authority,
        rationale,
        ...(reasonForDeviation === undefined ? {} : { reasonForDeviation }),
        subjectIds,
        decidedAt,
      },
      occurredAt: decidedAt,
    },
  ];
}

function answeredRecommendation(
  recommendation: RecommendationToAnswer,
  contingentId: string,
): AnsweredRecommendation {
  const { recommendationId, investigationId, action } = recommendation;
  requireText(recommendationId, 'recommendation.recommendationId');
  requireText(investigationId, 'recommendation.investigationId');
  if (!REPATRIATION_ACTIONS.includes(action)) {
    throw new RuleViolation(
      'recommendation_not_about_repatriation',
      `a recommendation to ${action} is not answered by a repatriation decision`,
      'recommendation',
    );
  }
  if (recommendation.contingentId !== undefined && recommendation.contingentId !== contingentId) {
    throw new RuleViolation(
      'recommendation_about_other_unit',
      'the recommendation concerns another contingent than the decision',
      'contingentId',
    );
  }
  return { recommendationId, investigationId, action };
}

export function implementRepatriation(
  { data }: ImplementRepatriation,
  state: DecidedDecisionState,
): [RepatriationImplemented] {
  if (state.outcome !== 'repatriate') {
    throw new RuleViolation(
      'only_repatriation_is_implemented',
      `a decision to ${state.outcome} has nothing to implement`,
    );
  }
  const implementedAt = requireIsoInstant(data.implementedAt, 'implementedAt');
  if (Date.parse(implementedAt) < Date.parse(state.decidedAt)) {
    throw new RuleViolation(
      'implemented_before_decided',
      'a repatriation cannot be implemented before it was decided',
      'implementedAt',
    );
  }
  const note = data.note?.trim() ? data.note : undefined;
  return [
    {
      type: 'RepatriationImplemented',
      data: {
        decisionId: state.decisionId,
        implementedAt,
        ...(note === undefined ? {} : { note }),
      },
      occurredAt: implementedAt,
    },
  ];
}

export function reverseRepatriation(
  { data }: ReverseRepatriation,
  state: DecidedDecisionState,
): [RepatriationReversed] {
  requireReason(data.reason);
  return [
    { type: 'RepatriationReversed', data: { decisionId: state.decisionId, reason: data.reason } },
  ];
}

/** Decided, never carried out: overtaken by events, or the rotation simply ended. */
export function lapseRepatriation(
  { data }: LapseRepatriation,
  state: DecidedDecisionState,
): [RepatriationLapsed] {
  requireReason(data.reason);
  return [
    { type: 'RepatriationLapsed', data: { decisionId: state.decisionId, reason: data.reason } },
  ];
}
