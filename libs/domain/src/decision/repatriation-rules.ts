import { requireMissionCode } from '../mission/mission-code';
import {
  DECIDED_ACTIONS,
  DECISION_OUTCOMES,
  DECISION_SCOPES,
  requireReason,
  RuleViolation,
  type DecisionOutcome,
  type DecisionScope,
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

/** What each scope decides to do when it does not retain or defer. */
const REMOVAL_OF_SCOPE: Record<DecisionScope, DecisionOutcome> = {
  unit: 'repatriate',
  commander: 'repatriate',
  individuals: 'repatriate',
  leader: 'relieve',
};

/**
 * A decision names its authority and rationale, and the recommendation it answers where there
 * is one. A decision about a unit, its commander or individuals names the unit and repatriates,
 * retains or defers; a decision about a mission leader (scope `leader`) names the leader's
 * appointment and relieves, retains or defers. Retaining or deferring against a recommendation
 * to repatriate or relieve must say why.
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
  const { decisionId, scope, outcome, authority, rationale } = data;
  requireText(decisionId, 'decisionId');
  requireOneOf(scope, DECISION_SCOPES, 'scope');
  requireOneOf(outcome, DECISION_OUTCOMES, 'outcome');
  const removal = REMOVAL_OF_SCOPE[scope];
  if (outcome !== removal && outcome !== 'retain' && outcome !== 'defer') {
    throw new RuleViolation(
      'outcome_not_for_scope',
      `a decision with scope ${scope} may ${removal}, retain or defer`,
      'outcome',
    );
  }
  const subject = scope === 'leader' ? leaderOf(data) : unitOf(data);
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
      : answeredRecommendation(data.recommendation, data);
  const deviates = recommendation !== undefined && outcome !== removal;
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
        ...subject,
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

/** A decision about a unit, its commander or individuals names the unit, and no leader. */
function unitOf(data: DecideRepatriation['data']): { contingentId: string } {
  requireText(data.contingentId, 'contingentId', 'contingent_required');
  if (data.appointmentId !== undefined || data.missionCode !== undefined) {
    throw new RuleViolation(
      'appointment_not_for_scope',
      `a decision with scope ${data.scope} is about a unit; a mission leader is decided on with scope leader`,
      'appointmentId',
    );
  }
  return { contingentId: data.contingentId as string };
}

/** A decision about a mission leader names the appointment and its mission, and no unit. */
function leaderOf(data: DecideRepatriation['data']): {
  appointmentId: string;
  missionCode: string;
} {
  requireText(data.appointmentId, 'appointmentId', 'appointment_required');
  requireMissionCode(data.missionCode as string, 'missionCode');
  if (data.contingentId !== undefined) {
    throw new RuleViolation(
      'contingent_not_for_leader',
      'a decision about a mission leader names the appointment, not a unit',
      'contingentId',
    );
  }
  return { appointmentId: data.appointmentId as string, missionCode: data.missionCode as string };
}

function answeredRecommendation(
  recommendation: RecommendationToAnswer,
  decision: DecideRepatriation['data'],
): AnsweredRecommendation {
  const { recommendationId, investigationId, action } = recommendation;
  requireText(recommendationId, 'recommendation.recommendationId');
  requireText(investigationId, 'recommendation.investigationId');
  if (!DECIDED_ACTIONS.includes(action)) {
    throw new RuleViolation(
      'recommendation_not_about_repatriation',
      `a recommendation to ${action} is not answered by a repatriation decision`,
      'recommendation',
    );
  }
  const aboutLeader = recommendation.appointmentId !== undefined || action === 'relieve_leader';
  if (decision.scope === 'leader') {
    if (!aboutLeader) {
      throw new RuleViolation(
        'recommendation_not_about_leader',
        'a decision about a mission leader answers a recommendation about that leader',
        'recommendation',
      );
    }
    if (recommendation.appointmentId !== decision.appointmentId) {
      throw new RuleViolation(
        'recommendation_about_other_leader',
        'the recommendation concerns another appointment than the decision',
        'appointmentId',
      );
    }
  } else {
    if (aboutLeader) {
      throw new RuleViolation(
        'recommendation_about_leader',
        'the recommendation concerns a mission leader: decide on it with scope leader',
        'scope',
      );
    }
    if (
      recommendation.contingentId !== undefined &&
      recommendation.contingentId !== decision.contingentId
    ) {
      throw new RuleViolation(
        'recommendation_about_other_unit',
        'the recommendation concerns another contingent than the decision',
        'contingentId',
      );
    }
  }
  return { recommendationId, investigationId, action };
}

export function implementRepatriation(
  { data }: ImplementRepatriation,
  state: DecidedDecisionState,
): [RepatriationImplemented] {
  if (state.outcome !== 'repatriate' && state.outcome !== 'relieve') {
    throw new RuleViolation(
      'only_repatriation_is_implemented',
      `a decision to ${state.outcome} has nothing to implement`,
    );
  }
  const implementedAt = requireIsoInstant(data.implementedAt, 'implementedAt');
  if (Date.parse(implementedAt) < Date.parse(state.decidedAt)) {
    throw new RuleViolation(
      'implemented_before_decided',
      `a decision to ${state.outcome} cannot be implemented before it was decided`,
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
