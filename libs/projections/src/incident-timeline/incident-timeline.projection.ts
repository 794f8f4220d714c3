import { parseStreamId } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import {
  batched,
  createQueryIndexes,
  type Projection,
  type ProjectionSession,
} from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';
import { toMillis } from '../support/time';
import { CorrectionTracker, createSubjectsTable, dropSubjectsTable } from './corrections';

export const TIMELINE_ENTRIES_TABLE = 'incident_timeline_entries';
const LINKS_TABLE = 'incident_timeline_links';
/** What each correction on a timeline changed, from what to what, by the event's position. */
export const TIMELINE_CHANGES_TABLE = 'incident_timeline_changes';

/** What ties a stream to an incident: an investigation of it, a decision on one of those, a notification. */
type LinkKind = 'investigation' | 'decision' | 'notification';

/** The incidents a stream or notification is linked to. */
type Links = Set<string>;

/** A time that does not parse sorts last. */
const UNKNOWN_TIME = Number.MAX_SAFE_INTEGER;

const statements = preparedStatements((db) => ({
  linksOf: db.prepare(`SELECT incident_id FROM ${LINKS_TABLE} WHERE kind = ? AND id = ?`).pluck(),
  link: db.prepare(`INSERT OR IGNORE INTO ${LINKS_TABLE} (kind, id, incident_id) VALUES (?, ?, ?)`),
  entry: db.prepare(`INSERT INTO ${TIMELINE_ENTRIES_TABLE} VALUES (?, ?, ?, ?)`),
  change: db.prepare(`INSERT INTO ${TIMELINE_CHANGES_TABLE} VALUES (?, ?, ?)`),
}));

const queryIndexes = [
  {
    name: `${TIMELINE_ENTRIES_TABLE}_by_incident`,
    table: TIMELINE_ENTRIES_TABLE,
    columns: ['incident_id', 'position'],
  },
];

/**
 * Every event linked to an incident, once per incident, by position: the timeline as known at
 * any position P holds the entries up to P (an event is only ever linked to an incident through
 * links made by it or by events before it). Entries hold positions and times only; the query
 * reads the envelopes from the audit trail. A correction's entry also has what it changed, from
 * what to what, computed here from the state before it.
 */
export const incidentTimelineProjection: Projection = {
  name: 'incident-timeline',
  // 3: known by position (the record as known at an instant is a prefix of the global order);
  // what each correction changed. 4: with national investigation officers and the
  // consequences of implemented decisions (a leader's departure, a unit's withdrawal).
  version: 4,
  queryIndexes: () => queryIndexes,

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TIMELINE_ENTRIES_TABLE} (
      incident_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      recorded_ms INTEGER NOT NULL,
      occurred_ms INTEGER NOT NULL
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${LINKS_TABLE} (
      kind TEXT NOT NULL,
      id TEXT NOT NULL,
      incident_id TEXT NOT NULL,
      PRIMARY KEY (kind, id, incident_id)
    ) WITHOUT ROWID`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${TIMELINE_CHANGES_TABLE} (
      position INTEGER PRIMARY KEY,
      changes TEXT NOT NULL,
      reason TEXT
    )`);
    createSubjectsTable(db);
    createQueryIndexes(db, queryIndexes);
  },

  reset(db) {
    statements.forget(db);
    db.exec(`DROP TABLE IF EXISTS ${TIMELINE_ENTRIES_TABLE}`);
    db.exec(`DROP TABLE IF EXISTS ${LINKS_TABLE}`);
    db.exec(`DROP TABLE IF EXISTS ${TIMELINE_CHANGES_TABLE}`);
    dropSubjectsTable(db);
  },

  ...batched((db) => new TimelineSession(db)),
};

/** Applies events to the timeline, keeping the links it has read for the rest of the batch. */
class TimelineSession implements ProjectionSession {
  private readonly statements;
  private readonly links = new Map<string, Links>();
  private readonly corrections: CorrectionTracker;

  constructor(db: SqliteDatabase) {
    this.statements = statements.of(db);
    this.corrections = new CorrectionTracker(db);
  }

  apply(event: RecordedEvent): void {
    const correction = this.corrections.apply(event);
    const links = this.linkEvent(event);
    if (links.size === 0) return;
    const recordedMs = toMillis(event.recordedAt) ?? UNKNOWN_TIME;
    const occurredMs = toMillis(event.occurredAt) ?? recordedMs;
    for (const incidentId of links) {
      this.statements.entry.run(incidentId, event.globalPosition, recordedMs, occurredMs);
    }
    if (correction !== null) {
      const { changes, reason } = correction;
      this.statements.change.run(event.globalPosition, JSON.stringify(changes), reason);
    }
  }

  flush(): void {
    this.corrections.flush();
  }

  /** The incidents the event belongs to; records the links the event itself creates. */
  private linkEvent(event: RecordedEvent): Links {
    const e = ledgerEventOf(event);
    switch (e.type) {
      case 'IncidentReported':
      case 'IncidentAmended':
      case 'IncidentUnitsLinked':
      case 'IncidentClosed':
      case 'IncidentReopened':
        return new Set([e.data.incidentId]);
      case 'InvestigationOpened':
        return this.store('investigation', e.data.investigationId, new Set(e.data.incidentIds));
      case 'InvestigatorAssigned':
      case 'NationalInvestigatorAppointed':
      case 'EvidenceLogged':
      case 'EvidenceCustodyTransferred':
      case 'FindingRecorded':
      case 'FindingRevised':
      case 'FindingWithdrawn':
      case 'UnitNamed':
      case 'RecommendationIssued':
      case 'InvestigationReportSubmitted':
      case 'InvestigationClosed':
      case 'InvestigationReopened':
        return this.linksOf('investigation', e.data.investigationId);
      case 'RepatriationDecided': {
        const answered = e.data.recommendation;
        if (answered === undefined) return new Set();
        const links = this.linksOf('investigation', answered.investigationId);
        return this.store('decision', e.data.decisionId, links);
      }
      case 'RepatriationImplemented':
      case 'RepatriationReversed':
      case 'RepatriationLapsed':
        return this.linksOf('decision', e.data.decisionId);
      case 'LeaderDeparted':
      case 'ContingentWithdrawn':
        // What implementing a decision recorded: on the timeline of what the decision answers.
        return e.data.decisionId === undefined
          ? new Set()
          : this.linksOf('decision', e.data.decisionId);
      case 'TccNotified': {
        const subject = this.subjectLinks(e.data.subjectStreamId);
        return this.store('notification', e.data.notificationId, subject);
      }
      case 'TccResponseRecorded':
        return this.linksOf('notification', e.data.regarding);
      default:
        return new Set();
    }
  }

  private subjectLinks(subjectStreamId: string): Links {
    const subject = parseStreamId(subjectStreamId);
    switch (subject?.category) {
      case 'incident':
        return new Set([subject.id]);
      case 'investigation':
      case 'decision':
        return this.linksOf(subject.category, subject.id);
      default:
        return new Set();
    }
  }

  private linksOf(kind: LinkKind, id: string): Links {
    const key = `${kind} ${id}`;
    let links = this.links.get(key);
    if (links === undefined) {
      links = new Set(this.statements.linksOf.all(kind, id) as string[]);
      this.links.set(key, links);
    }
    return links;
  }

  /** Stores the links of a new stream or notification to its parent's incidents. */
  private store(kind: LinkKind, id: string, parents: Links): Links {
    const stored = this.linksOf(kind, id);
    for (const incidentId of parents) {
      this.statements.link.run(kind, id, incidentId);
      stored.add(incidentId);
    }
    return new Set(parents);
  }
}
