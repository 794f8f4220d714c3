import type { AnsweredRecommendation, DecisionOutcome, DecisionScope } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { recordedOf, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';

/** Decided, then carried out (implemented), undone (reversed) or never carried out (lapsed). */
export type DecisionStatus = 'decided' | 'implemented' | 'reversed' | 'lapsed';

export interface DecisionRecord {
  decisionId: string;
  contingentId: string;
  scope: DecisionScope;
  outcome: DecisionOutcome;
  authority: string;
  rationale: string;
  reasonForDeviation: string | null;
  /** The recommendation it answers, when there is one. */
  recommendation: AnsweredRecommendation | null;
  subjectIds: string[];
  decidedAt: string;
  recorded: Recorded;
  status: DecisionStatus;
  implementedAt: string | null;
  /** The implementation note, or the reason for the reversal or lapse. */
  statusNote: string | null;
  statusRecorded: Recorded | null;
}

/** The decision an event of a decision stream is about, or null. */
export function decisionIdOf(event: RecordedEvent): string | null {
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'RepatriationDecided':
    case 'RepatriationImplemented':
    case 'RepatriationReversed':
    case 'RepatriationLapsed':
      return e.data.decisionId;
    default:
      return null;
  }
}

export function evolveDecision(
  doc: DecisionRecord | null,
  event: RecordedEvent,
): DecisionRecord | null {
  const e = ledgerEventOf(event);
  const recorded = recordedOf(event);
  switch (e.type) {
    case 'RepatriationDecided': {
      if (doc !== null) return doc;
      const { data } = e;
      return {
        decisionId: data.decisionId,
        contingentId: data.contingentId,
        scope: data.scope,
        outcome: data.outcome,
        authority: data.authority,
        rationale: data.rationale,
        reasonForDeviation: data.reasonForDeviation ?? null,
        recommendation: data.recommendation ?? null,
        subjectIds: data.subjectIds,
        decidedAt: data.decidedAt,
        recorded,
        status: 'decided',
        implementedAt: null,
        statusNote: null,
        statusRecorded: null,
      };
    }
    case 'RepatriationImplemented':
      if (doc === null) return null;
      return {
        ...doc,
        status: 'implemented',
        implementedAt: e.data.implementedAt,
        statusNote: e.data.note ?? null,
        statusRecorded: recorded,
      };
    case 'RepatriationReversed':
    case 'RepatriationLapsed':
      if (doc === null) return null;
      return {
        ...doc,
        status: e.type === 'RepatriationReversed' ? 'reversed' : 'lapsed',
        statusNote: e.data.reason,
        statusRecorded: recorded,
      };
    default:
      return doc;
  }
}
