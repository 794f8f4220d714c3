import { streamIds } from '../ledger-event';
import {
  assertNever,
  CommandMeta,
  Decider,
  DecisionOutcome,
  DecisionScope,
  NotFoundError,
  RecommendationAction,
  RuleViolation,
} from '../shared';
import type { AnsweredRecommendation, DecisionEvent, DecisionEventType } from './decision.events';
import {
  decideRepatriation,
  implementRepatriation,
  lapseRepatriation,
  reverseRepatriation,
} from './repatriation-rules';

export const decisionStreamId = (decisionId: string): string => streamIds.decision(decisionId);

export interface RepatriationDecision {
  decisionId: string;
  contingentId?: string;
  appointmentId?: string;
  missionCode?: string;
  scope: DecisionScope;
  outcome: DecisionOutcome;
  authority: string;
  rationale: string;
  reasonForDeviation?: string;
  recommendation?: AnsweredRecommendation;
  subjectIds: string[];
  decidedAt: string;
}

export type DecidedDecisionState = { status: 'decided' } & RepatriationDecision;
/** Implemented, reversed and lapsed are final: nothing follows them. */
export type FinalDecisionState =
  | ({ status: 'implemented'; implementedAt: string } & RepatriationDecision)
  | ({ status: 'reversed'; reason: string } & RepatriationDecision)
  | ({ status: 'lapsed'; reason: string } & RepatriationDecision);
export type DecisionState = { status: 'undecided' } | DecidedDecisionState | FinalDecisionState;

const initialState: DecisionState = { status: 'undecided' };

function evolve(state: DecisionState, event: DecisionEvent): DecisionState {
  if (event.type === 'RepatriationDecided') {
    return { status: 'decided', ...event.data };
  }
  if (state.status !== 'decided') return state;
  switch (event.type) {
    case 'RepatriationImplemented':
      return { ...state, status: 'implemented', implementedAt: event.data.implementedAt };
    case 'RepatriationReversed':
      return { ...state, status: 'reversed', reason: event.data.reason };
    case 'RepatriationLapsed':
      return { ...state, status: 'lapsed', reason: event.data.reason };
    default:
      return assertNever(event);
  }
}

type Command<Type extends string, Data> = { type: Type; data: Data; meta: CommandMeta };

/** The recommendation a decision answers, as the caller looked it up in its investigation. */
export interface RecommendationToAnswer {
  recommendationId: string;
  investigationId: string;
  action: RecommendationAction;
  contingentId?: string;
  appointmentId?: string;
}

export type DecideRepatriation = Command<
  'DecideRepatriation',
  {
    decisionId: string;
    recommendation?: RecommendationToAnswer;
    /** With scope unit, commander or individuals. */
    contingentId?: string;
    /** With scope leader: the leader's appointment, and the mission it was found in. */
    appointmentId?: string;
    missionCode?: string;
    scope: DecisionScope;
    outcome: DecisionOutcome;
    authority: string;
    rationale: string;
    reasonForDeviation?: string;
    subjectIds?: string[];
    /** When the authority decided; the command's arrival when not given. */
    decidedAt?: string;
  }
>;
export type ImplementRepatriation = Command<
  'ImplementRepatriation',
  { implementedAt: string; note?: string }
>;
export type ReverseRepatriation = Command<'ReverseRepatriation', { reason: string }>;
export type LapseRepatriation = Command<'LapseRepatriation', { reason: string }>;

export type DecisionCommand =
  DecideRepatriation | ImplementRepatriation | ReverseRepatriation | LapseRepatriation;

function decide(command: DecisionCommand, state: DecisionState): DecisionEvent[] {
  if (isFinalDecision(state)) {
    throw new RuleViolation('decision_final', `the decision is ${state.status}: it is final`);
  }
  if (command.type === 'DecideRepatriation') return decideRepatriation(command, state);
  if (state.status === 'undecided') {
    throw new NotFoundError('decision_not_found', 'there is no such decision');
  }
  switch (command.type) {
    case 'ImplementRepatriation':
      return implementRepatriation(command, state);
    case 'ReverseRepatriation':
      return reverseRepatriation(command, state);
    case 'LapseRepatriation':
      return lapseRepatriation(command, state);
    default:
      return assertNever(command);
  }
}

export function isFinalDecision(state: DecisionState): state is FinalDecisionState {
  return state.status === 'implemented' || state.status === 'reversed' || state.status === 'lapsed';
}

const schemaVersions: Record<DecisionEventType, number> = {
  RepatriationDecided: 1,
  RepatriationImplemented: 1,
  RepatriationReversed: 1,
  RepatriationLapsed: 1,
};

export const decisionDecider: Decider<DecisionCommand, DecisionEvent, DecisionState> = {
  schemaVersions,
  initialState,
  evolve,
  decide,
};
