import type { DecisionOutcome, DecisionScope, DomainEvent, RecommendationAction } from '../shared';

/** The recommendation a decision answers, as the decision recorded it. */
export interface AnsweredRecommendation {
  recommendationId: string;
  investigationId: string;
  action: RecommendationAction;
}

export type RepatriationDecided = DomainEvent<
  'RepatriationDecided',
  {
    decisionId: string;
    recommendation?: AnsweredRecommendation;
    /** With scope unit, commander or individuals: the unit. */
    contingentId?: string;
    /** With scope leader: the appointment of the mission leader, and the mission it is in. */
    appointmentId?: string;
    missionCode?: string;
    scope: DecisionScope;
    outcome: DecisionOutcome;
    /** Who decided, e.g. "Under-Secretary-General for Peace Operations". */
    authority: string;
    rationale: string;
    /** Required when retaining or deferring against a recommendation to repatriate or relieve. */
    reasonForDeviation?: string;
    /** With scope `individuals` or `commander`: the persons, by subject id only. */
    subjectIds: string[];
    decidedAt: string;
  }
>;

export type RepatriationImplemented = DomainEvent<
  'RepatriationImplemented',
  { decisionId: string; implementedAt: string; note?: string }
>;

export type RepatriationReversed = DomainEvent<
  'RepatriationReversed',
  { decisionId: string; reason: string }
>;

/** Decided, never carried out: overtaken by events, or the rotation simply ended. */
export type RepatriationLapsed = DomainEvent<
  'RepatriationLapsed',
  { decisionId: string; reason: string }
>;

export type DecisionEvent =
  RepatriationDecided | RepatriationImplemented | RepatriationReversed | RepatriationLapsed;
export type DecisionEventType = DecisionEvent['type'];
