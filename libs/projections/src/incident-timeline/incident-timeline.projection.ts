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

export const TIMELINE_ENTRIES_TABLE = 'incident_timeline_entries';
const LINKS_TABLE = 'incident_timeline_links';

/** What ties a stream to an incident: an investigation of it, a decision on one of those, a notification. */
type LinkKind = 'investigation' | 'decision' | 'notification';

/** Incident id → the instant (ms) from which the link to it was known. */
type Links = Map<string, number>;

interface LinkRow {
  incident_id: string;
  known_ms: number;
}

/** A time that does not parse is known to no past view, only to the present one. */
const UNKNOWN_TIME = Number.MAX_SAFE_INTEGER;

const statements = preparedStatements((db) => ({
  linksOf: db.prepare(`SELECT incident_id, known_ms FROM ${LINKS_TABLE} WHERE kind = ? AND id = ?`),
  link: db.prepare(
    `INSERT INTO ${LINKS_TABLE} (kind, id, incident_id, known_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, id, incident_id) DO UPDATE SET known_ms = min(known_ms, excluded.known_ms)`,
  ),
  entry: db.prepare(`INSERT INTO ${TIMELINE_ENTRIES_TABLE} VALUES (?, ?, ?, ?, ?)`),
}));

const queryIndexes = [
  {
    name: `${TIMELINE_ENTRIES_TABLE}_by_incident`,
    table: TIMELINE_ENTRIES_TABLE,
    columns: ['incident_id', 'known_ms'],
  },
];

/**
 * Every event linked to an incident, once per incident, with the instant from which both the
 * event and its link to the incident were known (`known_ms`): a view "as known at" some past
 * moment keeps the entries known by then, so a link learnt later never leaks into it. Entries
 * hold positions and times only; the query reads the envelopes from the audit trail.
 */
export const incidentTimelineProjection: Projection = {
  name: 'incident-timeline',
  version: 3,
  queryIndexes: () => queryIndexes,

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TIMELINE_ENTRIES_TABLE} (
      incident_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      recorded_ms INTEGER NOT NULL,
      occurred_ms INTEGER NOT NULL,
      known_ms INTEGER NOT NULL
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${LINKS_TABLE} (
      kind TEXT NOT NULL,
      id TEXT NOT NULL,
      incident_id TEXT NOT NULL,
      known_ms INTEGER NOT NULL,
      PRIMARY KEY (kind, id, incident_id)
    ) WITHOUT ROWID`);
    createQueryIndexes(db, queryIndexes);
  },

  reset(db) {
    statements.forget(db);
    db.exec(`DROP TABLE IF EXISTS ${TIMELINE_ENTRIES_TABLE}`);
    db.exec(`DROP TABLE IF EXISTS ${LINKS_TABLE}`);
  },

  ...batched((db) => new TimelineSession(db)),
};

/** Applies events to the timeline, keeping the links it has read for the rest of the batch. */
class TimelineSession implements ProjectionSession {
  private readonly statements;
  private readonly links = new Map<string, Links>();

  constructor(db: SqliteDatabase) {
    this.statements = statements.of(db);
  }

  apply(event: RecordedEvent): void {
    const recordedMs = toMillis(event.recordedAt) ?? UNKNOWN_TIME;
    const links = this.linkEvent(event, recordedMs);
    if (links.size === 0) return;
    const occurredMs = toMillis(event.occurredAt) ?? recordedMs;
    for (const [incidentId, linkKnownMs] of links) {
      const knownMs = Math.max(recordedMs, linkKnownMs);
      this.statements.entry.run(incidentId, event.globalPosition, recordedMs, occurredMs, knownMs);
    }
  }

  flush(): void {}

  /** The incidents the event belongs to; records the links the event itself creates. */
  private linkEvent(event: RecordedEvent, recordedMs: number): Links {
    const e = ledgerEventOf(event);
    switch (e.type) {
      case 'IncidentReported':
      case 'IncidentAmended':
      case 'IncidentUnitsLinked':
      case 'IncidentClosed':
      case 'IncidentReopened':
        return new Map([[e.data.incidentId, recordedMs]]);
      case 'InvestigationOpened': {
        const links: Links = new Map(e.data.incidentIds.map((id) => [id, recordedMs]));
        return this.store('investigation', e.data.investigationId, links, recordedMs);
      }
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
        if (answered === undefined) return new Map();
        const links = this.linksOf('investigation', answered.investigationId);
        return this.store('decision', e.data.decisionId, links, recordedMs);
      }
      case 'RepatriationImplemented':
      case 'RepatriationReversed':
      case 'RepatriationLapsed':
        return this.linksOf('decision', e.data.decisionId);
      case 'LeaderDeparted':
      case 'ContingentWithdrawn':
        // What implementing a decision recorded: on the timeline of what the decision answers.
        return e.data.decisionId === undefined
          ? new Map()
          : this.linksOf('decision', e.data.decisionId);
      case 'TccNotified': {
        const subject = this.subjectLinks(e.data.subjectStreamId, recordedMs);
        return this.store('notification', e.data.notificationId, subject, recordedMs);
      }
      case 'TccResponseRecorded':
        return this.linksOf('notification', e.data.regarding);
      default:
        return new Map();
    }
  }

  private subjectLinks(subjectStreamId: string, recordedMs: number): Links {
    const subject = parseStreamId(subjectStreamId);
    switch (subject?.category) {
      case 'incident':
        return new Map([[subject.id, recordedMs]]);
      case 'investigation':
      case 'decision':
        return this.linksOf(subject.category, subject.id);
      default:
        return new Map();
    }
  }

  private linksOf(kind: LinkKind, id: string): Links {
    const key = `${kind} ${id}`;
    let links = this.links.get(key);
    if (links === undefined) {
      const rows = this.statements.linksOf.all(kind, id) as LinkRow[];
      links = new Map(rows.map((row) => [row.incident_id, row.known_ms]));
      this.links.set(key, links);
    }
    return links;
  }

  /** Stores the links of a new stream or notification: known once both it and its parent were. */
  private store(kind: LinkKind, id: string, parents: Links, recordedMs: number): Links {
    const stored = this.linksOf(kind, id);
    const links: Links = new Map();
    for (const [incidentId, parentKnownMs] of parents) {
      const knownMs = Math.max(recordedMs, parentKnownMs);
      this.statements.link.run(kind, id, incidentId, knownMs);
      stored.set(incidentId, Math.min(stored.get(incidentId) ?? knownMs, knownMs));
      links.set(incidentId, knownMs);
    }
    return links;
  }
}
