import type { AnsweredRecommendation, DecisionOutcome, DecisionScope } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { recordedOf, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';

/** Decided, then carried out (implemented), undone (reversed) or never carried out (lapsed). */
export type DecisionStatus = 'decided' | 'implemented' | 'reversed' | 'lapsed';

/**
 * What implementing the decision records on the stream of whom it concerns: a leader relieved
 * departs (LeaderDeparted), a unit repatriated is withdrawn (ContingentWithdrawn). `recorded`
 * stays null until that event is in the ledger.
 */
export interface DecisionConsequence {
  kind: 'leader_departure' | 'unit_withdrawal';
  recorded: Recorded | null;
}

export interface DecisionRecord {
  decisionId: string;
  /** With scope unit, commander or individuals. */
  contingentId: string | null;
  /** With scope leader: the leader's appointment and its mission. */
  appointmentId: string | null;
  missionCode: string | null;
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
  /** Once implemented, when the implementation changes another stream. */
  consequence: DecisionConsequence | null;
}

/** The decision an event is about: its own stream's, or a consequence of implementing it. */
export function decisionIdOf(event: RecordedEvent): string | null {
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'RepatriationDecided':
    case 'RepatriationImplemented':
    case 'RepatriationReversed':
    case 'RepatriationLapsed':
      return e.data.decisionId;
    case 'LeaderDeparted':
    case 'ContingentWithdrawn':
      return e.data.decisionId ?? null;
    default:
      return null;
  }
}

/** Whether the consequence of the decision's implementation is still to be recorded. */
export const consequenceState = (doc: DecisionRecord): 'pending' | 'recorded' | null =>
  doc.consequence === null ? null : doc.consequence.recorded === null ? 'pending' : 'recorded';

function consequenceKindOf(doc: DecisionRecord): DecisionConsequence['kind'] | null {
  if (doc.scope === 'leader' && doc.outcome === 'relieve') return 'leader_departure';
  if (doc.scope === 'unit' && doc.outcome === 'repatriate') return 'unit_withdrawal';
  return null;
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
        contingentId: data.contingentId ?? null,
        appointmentId: data.appointmentId ?? null,
        missionCode: data.missionCode ?? null,
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
        consequence: null,
      };
    }
    case 'RepatriationImplemented': {
      if (doc === null) return null;
      const kind = consequenceKindOf(doc);
      return {
        ...doc,
        status: 'implemented',
        implementedAt: e.data.implementedAt,
        statusNote: e.data.note ?? null,
        statusRecorded: recorded,
        consequence: kind === null ? null : { kind, recorded: doc.consequence?.recorded ?? null },
      };
    }
    case 'RepatriationReversed':
    case 'RepatriationLapsed':
      if (doc === null) return null;
      return {
        ...doc,
        status: e.type === 'RepatriationReversed' ? 'reversed' : 'lapsed',
        statusNote: e.data.reason,
        statusRecorded: recorded,
      };
    case 'LeaderDeparted':
    case 'ContingentWithdrawn': {
      if (doc === null || doc.consequence === null) return doc;
      return { ...doc, consequence: { ...doc.consequence, recorded } };
    }
    default:
      return doc;
  }
}
