import type { RecordedEvent } from '@blue-ledger/event-store';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';

/** One field a correction changed: its value before, and the value it set. */
export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** What a correction (or a change of status) changed, and the reason it gave. */
export interface Correction {
  changes: Change[];
  /** The reason the event gives, where it gives one. */
  reason: string | null;
}

/**
 * What the timeline remembers of each thing a later event may correct: an incident's facts,
 * status and units; a finding's facts and whether it was withdrawn; an evidence item's
 * custodian; an investigation's and a decision's status. Only `apply` reads it, to tell what a
 * correction changed from what; queries read the corrections it computed, kept by position.
 */
export const SUBJECTS_TABLE = 'incident_timeline_subjects';

type Facts = Record<string, unknown>;
type Kind = 'incident' | 'finding' | 'evidence' | 'investigation' | 'decision';

const statements = preparedStatements((db) => ({
  get: db.prepare(`SELECT facts FROM ${SUBJECTS_TABLE} WHERE kind = ? AND id = ?`).pluck(),
  put: db.prepare(
    `INSERT INTO ${SUBJECTS_TABLE} (kind, id, facts) VALUES (?, ?, ?)
     ON CONFLICT (kind, id) DO UPDATE SET facts = excluded.facts`,
  ),
}));

export function createSubjectsTable(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${SUBJECTS_TABLE} (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    facts TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID`);
}

export function dropSubjectsTable(db: SqliteDatabase): void {
  statements.forget(db);
  db.exec(`DROP TABLE IF EXISTS ${SUBJECTS_TABLE}`);
}

/** The fields `changes` sets, each with the value `before` held. */
function changesOf(before: Facts, changes: object): Change[] {
  return Object.entries(changes)
    .filter(([, to]) => to !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, to]) => ({ field, from: before[field] ?? null, to }));
}

/**
 * Follows the things corrections are about, for one transaction: each read once, written back
 * at `flush`. `apply` returns what the event changed, from what to what, computed from the state
 * before it (deterministic: a rebuild computes the same), or null for an event that corrects
 * nothing.
 */
export class CorrectionTracker {
  private readonly facts = new Map<string, Facts | null>();
  private readonly changed = new Set<string>();

  constructor(private readonly db: SqliteDatabase) {}

  apply(event: RecordedEvent): Correction | null {
    const e = ledgerEventOf(event);
    switch (e.type) {
      case 'IncidentReported': {
        const { occurredAt, location, category, summary, casualties, contingentIds } = e.data;
        const facts = { occurredAt, location, category, summary, casualties };
        this.set('incident', e.data.incidentId, {
          ...facts,
          status: 'open',
          contingentIds: [...new Set(contingentIds)],
        });
        return null;
      }
      case 'IncidentAmended':
        return this.correct('incident', e.data.incidentId, e.data.changes, e.data.reason);
      case 'IncidentUnitsLinked': {
        const before = this.get('incident', e.data.incidentId);
        const linked = (before?.contingentIds as string[] | undefined) ?? [];
        const contingentIds = [...new Set([...linked, ...e.data.contingentIds])];
        return this.correct('incident', e.data.incidentId, { contingentIds }, null);
      }
      case 'IncidentClosed':
        return this.correct('incident', e.data.incidentId, { status: 'closed' }, e.data.reason);
      case 'IncidentReopened':
        return this.correct('incident', e.data.incidentId, { status: 'open' }, e.data.reason);
      case 'InvestigationOpened':
        this.set('investigation', e.data.investigationId, { status: 'open' });
        return null;
      case 'InvestigationClosed':
        return this.correct('investigation', e.data.investigationId, { status: 'closed' }, null);
      case 'InvestigationReopened': {
        const { investigationId, reason } = e.data;
        return this.correct('investigation', investigationId, { status: 'open' }, reason);
      }
      case 'EvidenceLogged':
        this.set('evidence', e.data.evidenceId, { custodian: e.data.custodian });
        return null;
      case 'EvidenceCustodyTransferred': {
        const { evidenceId, toCustodian, reason } = e.data;
        return this.correct('evidence', evidenceId, { custodian: toCustodian }, reason);
      }
      case 'FindingRecorded': {
        const { statement, category, attributions, severity, evidenceIds, contextFactors } = e.data;
        this.set('finding', e.data.findingId, {
          statement,
          category,
          attributions,
          severity,
          evidenceIds,
          contextFactors,
          withdrawn: false,
        });
        return null;
      }
      case 'FindingRevised':
        return this.correct('finding', e.data.findingId, e.data.changes, e.data.reason);
      case 'FindingWithdrawn':
        return this.correct('finding', e.data.findingId, { withdrawn: true }, e.data.reason);
      case 'RepatriationDecided':
        this.set('decision', e.data.decisionId, { status: 'decided', implementedAt: null });
        return null;
      case 'RepatriationImplemented': {
        const { decisionId, implementedAt } = e.data;
        const changes = { status: 'implemented', implementedAt };
        return this.correct('decision', decisionId, changes, null);
      }
      case 'RepatriationReversed':
        return this.correct('decision', e.data.decisionId, { status: 'reversed' }, e.data.reason);
      case 'RepatriationLapsed':
        return this.correct('decision', e.data.decisionId, { status: 'lapsed' }, e.data.reason);
      default:
        return null;
    }
  }

  flush(): void {
    const { put } = statements.of(this.db);
    for (const key of this.changed) {
      const facts = this.facts.get(key);
      const [kind, id] = splitKey(key);
      if (facts) put.run(kind, id, JSON.stringify(facts));
    }
    this.changed.clear();
  }

  /** Applies `changes` to what is known of the thing; what they changed, from what. */
  private correct(kind: Kind, id: string, changes: object, reason: string | null): Correction {
    const before = this.get(kind, id) ?? {};
    const result = { changes: changesOf(before, changes), reason };
    const after: Facts = { ...before };
    for (const { field, to } of result.changes) after[field] = to;
    this.set(kind, id, after);
    return result;
  }

  private get(kind: Kind, id: string): Facts | null {
    const key = `${kind} ${id}`;
    if (!this.facts.has(key)) {
      const stored = statements.of(this.db).get.get(kind, id) as string | undefined;
      this.facts.set(key, stored === undefined ? null : (JSON.parse(stored) as Facts));
    }
    return this.facts.get(key) ?? null;
  }

  private set(kind: Kind, id: string, facts: Facts): void {
    const key = `${kind} ${id}`;
    this.facts.set(key, facts);
    this.changed.add(key);
  }
}

const splitKey = (key: string): [string, string] => {
  const space = key.indexOf(' ');
  return [key.slice(0, space), key.slice(space + 1)];
};
