import {
  datedChangeOf,
  type ContingentEvent,
  type DatedChange,
  type DecisionOutcome,
  type DecisionScope,
  type EvaluationRating,
  type RecommendationAction,
  type RegisteredPresence,
} from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { evolveFinding, findingIdOf, type FindingRecord } from '../documents/finding-record';
import { ledgerEventOf } from '../support/ledger-event-of';

/**
 * What the fairness figures are computed from, one document per thing counted, each keeping the
 * global position of the event that recorded it: that event is what a figure's "check it"
 * query returns. Data sets' strength reports are rows of their own (see fairness.tables.ts).
 */
export type FairnessFact =
  | UnitFact
  | IncidentFact
  | InvestigationFact
  | FindingFact
  | NamingFact
  | RecommendationFact
  | DecisionFact
  | UnitRecordFact
  | NotificationFact;

/** A unit: whose it is, and its first-hand dated changes (data sets' reports aside), with their events. */
export interface UnitFact {
  kind: 'unit';
  contingentId: string;
  country: string;
  missionCode: string;
  registeredAs: RegisteredPresence;
  changes: DatedChange[];
  /** The global position of each change's event, by the change's `seq`. */
  positions: Record<number, number>;
  /** How many dated changes (reports included) the unit's stream has had: the next `seq`. */
  seq: number;
}

export interface IncidentFact {
  kind: 'incident';
  incidentId: string;
  missionCode: string;
  occurredAt: string;
  contingentIds: string[];
  position: number;
}

export interface InvestigationFact {
  kind: 'investigation';
  investigationId: string;
  incidentIds: string[];
}

export interface FindingFact {
  kind: 'finding';
  finding: FindingRecord;
}

export interface NamingFact {
  kind: 'naming';
  namingId: string;
  investigationId: string;
  contingentId: string;
  position: number;
}

export interface RecommendationFact {
  kind: 'recommendation';
  recommendationId: string;
  investigationId: string;
  action: RecommendationAction;
  contingentId: string | null;
  findingIds: string[];
  /** Recommendations have no time in the world: when the ledger learnt it. */
  issuedAt: string;
  position: number;
}

export interface DecisionFact {
  kind: 'decision';
  decisionId: string;
  recommendationId: string | null;
  contingentId: string | null;
  scope: DecisionScope;
  outcome: DecisionOutcome;
  /** The decision's own date (stated): which period it falls in. */
  decidedAt: string;
  /**
   * When the ledger learnt of it: days from a finding or a recommendation (which have only
   * their recorded time) to the decision are counted on this one clock, never negative.
   */
  recordedAt: string;
  position: number;
  implemented: { at: string; position: number } | null;
}

export interface UnitRecordFact {
  kind: 'evaluation' | 'commendation';
  id: string;
  contingentId: string;
  at: string;
  rating: EvaluationRating | null;
  position: number;
}

export interface NotificationFact {
  kind: 'notification';
  notificationId: string;
  contingentId: string;
  notifiedAt: string;
  position: number;
  /** The first reply, by when it was given. */
  reply: { respondedAt: string; position: number } | null;
}

export type FactKind = FairnessFact['kind'];

/** The document key of a fact: its kind and the id of what it counts. */
export const factKey = (kind: FactKind, id: string): string => `${kind}:${id}`;

/** The id a liaison's visibility is checked against. */
export function visibleIdOf(fact: FairnessFact): string {
  switch (fact.kind) {
    case 'unit':
      return fact.contingentId;
    case 'incident':
      return fact.incidentId;
    case 'investigation':
      return fact.investigationId;
    case 'finding':
      return fact.finding.findingId;
    case 'naming':
      return fact.namingId;
    case 'recommendation':
      return fact.recommendationId;
    case 'decision':
      return fact.decisionId;
    case 'evaluation':
    case 'commendation':
      return fact.id;
    case 'notification':
      return fact.notificationId;
  }
}

/** The fact an event changes, as `[key, evolve]`, or null when it changes none. */
export function factChangeOf(
  event: RecordedEvent,
): [string, (doc: FairnessFact | null) => FairnessFact | null] | null {
  const e = ledgerEventOf(event);
  const position = Number(event.globalPosition);
  const findingId = findingIdOf(event);
  if (findingId !== null) {
    return [
      factKey('finding', findingId),
      (doc) => {
        const finding = evolveFinding(doc?.kind === 'finding' ? doc.finding : null, event);
        return finding === null ? null : { kind: 'finding', finding };
      },
    ];
  }
  switch (e.type) {
    case 'ContingentRegistered':
    case 'ContingentRotated':
    case 'ContingentReHatted':
    case 'ContingentWithdrawn':
    case 'ContingentReturned':
    case 'ContingentStrengthReported':
      return [
        factKey('unit', e.data.contingentId),
        (doc) => evolveUnit(doc?.kind === 'unit' ? doc : null, e, position),
      ];
    case 'IncidentReported': {
      const { incidentId, missionCode, occurredAt, contingentIds } = e.data;
      return [
        factKey('incident', incidentId),
        (doc) =>
          doc ?? {
            kind: 'incident',
            incidentId,
            missionCode,
            occurredAt,
            contingentIds: [...new Set(contingentIds)],
            position,
          },
      ];
    }
    case 'IncidentAmended': {
      const { occurredAt } = e.data.changes;
      if (occurredAt === undefined) return null;
      return [
        factKey('incident', e.data.incidentId),
        (doc) => (doc?.kind === 'incident' ? { ...doc, occurredAt } : doc),
      ];
    }
    case 'IncidentUnitsLinked':
      return [
        factKey('incident', e.data.incidentId),
        (doc) =>
          doc?.kind === 'incident'
            ? {
                ...doc,
                contingentIds: [...new Set([...doc.contingentIds, ...e.data.contingentIds])],
              }
            : doc,
      ];
    case 'InvestigationOpened':
      return [
        factKey('investigation', e.data.investigationId),
        (doc) =>
          doc ?? {
            kind: 'investigation',
            investigationId: e.data.investigationId,
            incidentIds: e.data.incidentIds,
          },
      ];
    case 'UnitNamed': {
      const { namingId, investigationId, contingentId } = e.data;
      return [
        factKey('naming', namingId),
        (doc) => doc ?? { kind: 'naming', namingId, investigationId, contingentId, position },
      ];
    }
    case 'RecommendationIssued': {
      const { recommendationId, investigationId, action, contingentId, findingIds } = e.data;
      return [
        factKey('recommendation', recommendationId),
        (doc) =>
          doc ?? {
            kind: 'recommendation',
            recommendationId,
            investigationId,
            action,
            contingentId: contingentId ?? null,
            findingIds,
            issuedAt: event.recordedAt,
            position,
          },
      ];
    }
    case 'RepatriationDecided': {
      const { decisionId, recommendation, contingentId, scope, outcome, decidedAt } = e.data;
      return [
        factKey('decision', decisionId),
        (doc) =>
          doc ?? {
            kind: 'decision',
            decisionId,
            recommendationId: recommendation?.recommendationId ?? null,
            contingentId: contingentId ?? null,
            scope,
            outcome,
            decidedAt,
            recordedAt: event.recordedAt,
            position,
            implemented: null,
          },
      ];
    }
    case 'RepatriationImplemented':
      return [
        factKey('decision', e.data.decisionId),
        (doc) =>
          doc?.kind === 'decision' && doc.implemented === null
            ? { ...doc, implemented: { at: e.data.implementedAt, position } }
            : doc,
      ];
    case 'ContingentEvaluated': {
      const { evaluationId, contingentId, evaluatedAt, rating } = e.data;
      return [
        factKey('evaluation', evaluationId),
        (doc) =>
          doc ?? {
            kind: 'evaluation',
            id: evaluationId,
            contingentId,
            at: evaluatedAt,
            rating,
            position,
          },
      ];
    }
    case 'ContingentCommended': {
      const { commendationId, contingentId, at } = e.data;
      return [
        factKey('commendation', commendationId),
        (doc) =>
          doc ?? {
            kind: 'commendation',
            id: commendationId,
            contingentId,
            at,
            rating: null,
            position,
          },
      ];
    }
    case 'TccNotified': {
      const { notificationId, contingentId, notifiedAt } = e.data;
      return [
        factKey('notification', notificationId),
        (doc) =>
          doc ?? {
            kind: 'notification',
            notificationId,
            contingentId,
            notifiedAt,
            position,
            reply: null,
          },
      ];
    }
    case 'TccResponseRecorded': {
      const { regarding, respondedAt } = e.data;
      return [
        factKey('notification', regarding),
        (doc) => {
          if (doc?.kind !== 'notification') return doc;
          const earlier =
            doc.reply !== null && Date.parse(doc.reply.respondedAt) <= Date.parse(respondedAt);
          return earlier ? doc : { ...doc, reply: { respondedAt, position } };
        },
      ];
    }
    default:
      return null;
  }
}

function evolveUnit(doc: UnitFact | null, e: ContingentEvent, position: number): UnitFact | null {
  if (e.type === 'ContingentRegistered') {
    if (doc !== null) return doc;
    const { contingentId, country, missionCode, strength } = e.data;
    const registeredAs = { missionCode, ...(strength === undefined ? {} : { strength }) };
    return withChange(
      {
        kind: 'unit',
        contingentId,
        country,
        missionCode,
        registeredAs,
        changes: [],
        positions: {},
        seq: 0,
      },
      e,
      position,
    );
  }
  if (doc === null) return null;
  const moved = e.type === 'ContingentReHatted' ? { missionCode: e.data.toMissionCode } : {};
  return withChange({ ...doc, ...moved }, e, position);
}

/** Keeps a first-hand dated change with its event; a data set's report only takes its `seq`. */
function withChange(doc: UnitFact, e: ContingentEvent, position: number): UnitFact {
  const change = datedChangeOf(e, doc.seq);
  if (change === null) return doc;
  if (change.kind === 'report') return { ...doc, seq: doc.seq + 1 };
  return {
    ...doc,
    changes: [...doc.changes, change],
    positions: { ...doc.positions, [change.seq]: position },
    seq: doc.seq + 1,
  };
}
