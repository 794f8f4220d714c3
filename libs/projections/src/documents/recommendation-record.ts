import type { RecommendationAction } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { recordedOf, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';
import type { DecisionRecord, DecisionStatus } from './decision-record';

/** Derived from the decisions answering it: the latest decision's status, or undecided. */
export type RecommendationStatus = 'undecided' | DecisionStatus;

export const RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = [
  'undecided',
  'decided',
  'implemented',
  'reversed',
  'lapsed',
];

export interface AnsweringDecision {
  decisionId: string;
  outcome: DecisionRecord['outcome'];
  status: DecisionStatus;
  decidedAt: string;
}

export interface RecommendationRecord {
  recommendationId: string;
  investigationId: string;
  action: RecommendationAction;
  contingentId: string | null;
  /** With a recommendation about a mission leader. */
  appointmentId: string | null;
  role: string | null;
  subjectIds: string[];
  findingIds: string[];
  rationale: string;
  issued: Recorded;
  /** The decisions answering it, in the order they were taken. */
  decisions: AnsweringDecision[];
  status: RecommendationStatus;
}

export function issuedRecommendation(event: RecordedEvent): RecommendationRecord | null {
  const e = ledgerEventOf(event);
  if (e.type !== 'RecommendationIssued') return null;
  const { data } = e;
  return {
    recommendationId: data.recommendationId,
    investigationId: data.investigationId,
    action: data.action,
    contingentId: data.contingentId ?? null,
    appointmentId: data.appointmentId ?? null,
    role: data.role ?? null,
    subjectIds: data.subjectIds,
    findingIds: data.findingIds,
    rationale: data.rationale,
    issued: recordedOf(event),
    decisions: [],
    status: 'undecided',
  };
}

/** The recommendation once a decision answering it was taken or changed status. */
export function answeredBy(
  doc: RecommendationRecord,
  decision: DecisionRecord,
): RecommendationRecord {
  const answer: AnsweringDecision = {
    decisionId: decision.decisionId,
    outcome: decision.outcome,
    status: decision.status,
    decidedAt: decision.decidedAt,
  };
  const known = doc.decisions.some((d) => d.decisionId === decision.decisionId);
  const decisions = known
    ? doc.decisions.map((d) => (d.decisionId === decision.decisionId ? answer : d))
    : [...doc.decisions, answer];
  return { ...doc, decisions, status: decisions[decisions.length - 1].status };
}
