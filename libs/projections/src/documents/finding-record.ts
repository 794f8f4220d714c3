import type { FindingFacts } from '@blue-ledger/domain';
import { changedFields, recordedOf, type EventFacts, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';

/** A finding as it stands now: its current facts after revisions, and whether it was withdrawn. */
export interface FindingRecord extends FindingFacts {
  findingId: string;
  investigationId: string;
  recorded: Recorded;
  revisions: (Recorded & { fields: string[]; reason: string })[];
  withdrawn: (Recorded & { reason: string }) | null;
}

/** The finding an event is about, or null. */
export function findingIdOf(event: EventFacts): string | null {
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'FindingRecorded':
    case 'FindingRevised':
    case 'FindingWithdrawn':
      return e.data.findingId;
    default:
      return null;
  }
}

/** The contingents a finding is attributed to at unit level. */
export const unitsOf = (facts: Pick<FindingFacts, 'attributions'>): string[] => [
  ...new Set(
    facts.attributions.flatMap((a) =>
      a.level === 'unit' && a.contingentId !== undefined ? [a.contingentId] : [],
    ),
  ),
];

export function evolveFinding(doc: FindingRecord | null, event: EventFacts): FindingRecord | null {
  const e = ledgerEventOf(event);
  const recorded = recordedOf(event);
  switch (e.type) {
    case 'FindingRecorded': {
      if (doc !== null) return doc;
      const { data } = e;
      return {
        findingId: data.findingId,
        investigationId: data.investigationId,
        statement: data.statement,
        category: data.category,
        severity: data.severity,
        attributions: data.attributions,
        evidenceIds: data.evidenceIds,
        contextFactors: data.contextFactors,
        recorded,
        revisions: [],
        withdrawn: null,
      };
    }
    case 'FindingRevised': {
      if (doc === null) return null;
      const { changes, reason } = e.data;
      return {
        ...doc,
        ...revisedFacts(changes),
        revisions: [...doc.revisions, { ...recorded, fields: changedFields(changes), reason }],
      };
    }
    case 'FindingWithdrawn':
      if (doc === null) return null;
      return { ...doc, withdrawn: { ...recorded, reason: e.data.reason } };
    default:
      return doc;
  }
}

/** Only the facts a revision sets; the others stay as they were. */
function revisedFacts(changes: Partial<FindingFacts>): Partial<FindingFacts> {
  const facts: Partial<FindingFacts> = {};
  if (changes.statement !== undefined) facts.statement = changes.statement;
  if (changes.category !== undefined) facts.category = changes.category;
  if (changes.attributions !== undefined) facts.attributions = changes.attributions;
  if (changes.severity !== undefined) facts.severity = changes.severity;
  if (changes.evidenceIds !== undefined) facts.evidenceIds = changes.evidenceIds;
  if (changes.contextFactors !== undefined) facts.contextFactors = changes.contextFactors;
  return facts;
}
