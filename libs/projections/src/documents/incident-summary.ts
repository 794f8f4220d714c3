import type { IncidentFacts, SubjectReference } from '@blue-ledger/domain';
import type { Actor, RecordedEvent } from '@blue-ledger/event-store';
import { actorOf, changedFields, recordedOf, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';

export type IncidentStatus = 'open' | 'closed';

export interface IncidentAmendment extends Recorded {
  fields: string[];
  reason: string;
  actor: Actor;
}

/** An incident's current facts, after every amendment, and what is linked to it. */
export interface IncidentSummary extends IncidentFacts {
  incidentId: string;
  missionCode: string;
  status: IncidentStatus;
  contingentIds: string[];
  investigationIds: string[];
  /** Victims, witnesses, alleged perpetrators: subject ids and roles only. */
  subjects: SubjectReference[];
  reported: Recorded & { actor: Actor };
  amendments: IncidentAmendment[];
  /** The last closing or reopening, with its reason. */
  lastStatusChange: (Recorded & { status: IncidentStatus; reason: string }) | null;
  lastPosition: number;
}

/** The ids of the incidents an event changes the summary of. */
export function incidentIdsOf(event: RecordedEvent): string[] {
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'IncidentReported':
    case 'IncidentAmended':
    case 'IncidentUnitsLinked':
    case 'IncidentClosed':
    case 'IncidentReopened':
      return [e.data.incidentId];
    case 'InvestigationOpened':
      return e.data.incidentIds;
    default:
      return [];
  }
}

const union = (current: string[], added: string[]): string[] => [
  ...new Set([...current, ...added]),
];

export function evolveIncidentSummary(
  doc: IncidentSummary | null,
  event: RecordedEvent,
): IncidentSummary | null {
  const e = ledgerEventOf(event);
  const recorded = recordedOf(event);
  if (e.type === 'IncidentReported') {
    if (doc !== null) return doc;
    const { data } = e;
    return {
      incidentId: data.incidentId,
      missionCode: data.missionCode,
      occurredAt: data.occurredAt,
      location: data.location,
      category: data.category,
      summary: data.summary,
      casualties: data.casualties,
      status: 'open',
      contingentIds: union([], data.contingentIds),
      investigationIds: [],
      subjects: data.subjects,
      reported: { ...recorded, actor: actorOf(event) },
      amendments: [],
      lastStatusChange: null,
      lastPosition: recorded.position,
    };
  }
  if (doc === null) return null;
  const touched = { ...doc, lastPosition: recorded.position };
  switch (e.type) {
    case 'IncidentAmended':
      return {
        ...touched,
        ...amendedFacts(e.data.changes),
        amendments: [
          ...doc.amendments,
          {
            ...recorded,
            fields: changedFields(e.data.changes),
            reason: e.data.reason,
            actor: actorOf(event),
          },
        ],
      };
    case 'IncidentUnitsLinked':
      return { ...touched, contingentIds: union(doc.contingentIds, e.data.contingentIds) };
    case 'IncidentClosed':
    case 'IncidentReopened': {
      const status: IncidentStatus = e.type === 'IncidentClosed' ? 'closed' : 'open';
      return {
        ...touched,
        status,
        lastStatusChange: { ...recorded, status, reason: e.data.reason },
      };
    }
    case 'InvestigationOpened':
      return {
        ...touched,
        investigationIds: union(doc.investigationIds, [e.data.investigationId]),
      };
    default:
      return doc;
  }
}

/** Only the facts an amendment sets; the others stay as they were. */
function amendedFacts(changes: Partial<IncidentFacts>): Partial<IncidentFacts> {
  const facts: Partial<IncidentFacts> = {};
  if (changes.occurredAt !== undefined) facts.occurredAt = changes.occurredAt;
  if (changes.location !== undefined) facts.location = changes.location;
  if (changes.category !== undefined) facts.category = changes.category;
  if (changes.summary !== undefined) facts.summary = changes.summary;
  if (changes.casualties !== undefined) facts.casualties = changes.casualties;
  return facts;
}
