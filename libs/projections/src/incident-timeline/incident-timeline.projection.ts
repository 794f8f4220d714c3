import { parseStreamId } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import type { Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';
import { toMillis } from '../support/time';
import { timelineEntryOf } from './timeline-entry';

export const TIMELINE_ENTRIES_TABLE = 'incident_timeline_entries';
const LINKS_TABLE = 'incident_timeline_links';

/** What ties a stream to an incident: an investigation of it, a decision on one of those, a notification. */
type LinkKind = 'investigation' | 'decision' | 'notification';

/** Incident id → the instant (ms) from which the link to it was known. */
type Links = Map<string, number>;

/** A time that does not parse is known to no past view, only to the present one. */
const UNKNOWN_TIME = Number.MAX_SAFE_INTEGER;

const statements = preparedStatements((db) => ({
  linksOf: db.prepare(`SELECT incident_id, known_ms FROM ${LINKS_TABLE} WHERE kind = ? AND id = ?`),
  link: db.prepare(
    `INSERT INTO ${LINKS_TABLE} (kind, id, incident_id, known_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, id, incident_id) DO UPDATE SET known_ms = min(known_ms, excluded.known_ms)`,
  ),
  entry: db.prepare(`INSERT INTO ${TIMELINE_ENTRIES_TABLE} VALUES (?, ?, ?, ?, ?, ?)`),
}));

/**
 * Every event linked to an incident, once per incident, with the instant from which both the
 * event and its link to the incident were known (`known_ms`): a view "as known at" some past
 * moment keeps the entries known by then, so a link learnt later never leaks into it.
 */
export const incidentTimelineProjection: Projection = {
  name: 'incident-timeline',
  version: 1,

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TIMELINE_ENTRIES_TABLE} (
      incident_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      recorded_ms INTEGER NOT NULL,
      occurred_ms INTEGER NOT NULL,
      known_ms INTEGER NOT NULL,
      entry TEXT NOT NULL,
      PRIMARY KEY (incident_id, position)
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${LINKS_TABLE} (
      kind TEXT NOT NULL,
      id TEXT NOT NULL,
      incident_id TEXT NOT NULL,
      known_ms INTEGER NOT NULL,
      PRIMARY KEY (kind, id, incident_id)
    ) WITHOUT ROWID`);
  },

  reset(db) {
    statements.forget(db);
    db.exec(`DROP TABLE IF EXISTS ${TIMELINE_ENTRIES_TABLE}`);
    db.exec(`DROP TABLE IF EXISTS ${LINKS_TABLE}`);
  },

  apply(db, event) {
    const recordedMs = toMillis(event.recordedAt) ?? UNKNOWN_TIME;
    const links = linkEvent(db, event, recordedMs);
    if (links.size === 0) return;
    const occurredMs = toMillis(event.occurredAt) ?? recordedMs;
    const entry = JSON.stringify(timelineEntryOf(event));
    const { entry: insert } = statements.of(db);
    for (const [incidentId, linkKnownMs] of links) {
      const knownMs = Math.max(recordedMs, linkKnownMs);
      insert.run(incidentId, event.globalPosition, recordedMs, occurredMs, knownMs, entry);
    }
  },
};

/** The incidents the event belongs to; records the links the event itself creates. */
function linkEvent(db: SqliteDatabase, event: RecordedEvent, recordedMs: number): Links {
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
      return store(db, 'investigation', e.data.investigationId, links, recordedMs);
    }
    case 'InvestigatorAssigned':
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
      return linksOf(db, 'investigation', e.data.investigationId);
    case 'RepatriationDecided': {
      const answered = e.data.recommendation;
      if (answered === undefined) return new Map();
      const links = linksOf(db, 'investigation', answered.investigationId);
      return store(db, 'decision', e.data.decisionId, links, recordedMs);
    }
    case 'RepatriationImplemented':
    case 'RepatriationReversed':
    case 'RepatriationLapsed':
      return linksOf(db, 'decision', e.data.decisionId);
    case 'TccNotified':
      return store(
        db,
        'notification',
        e.data.notificationId,
        subjectLinks(db, e.data.subjectStreamId, recordedMs),
        recordedMs,
      );
    case 'TccResponseRecorded':
      return linksOf(db, 'notification', e.data.regarding);
    default:
      return new Map();
  }
}

function subjectLinks(db: SqliteDatabase, subjectStreamId: string, recordedMs: number): Links {
  const subject = parseStreamId(subjectStreamId);
  switch (subject?.category) {
    case 'incident':
      return new Map([[subject.id, recordedMs]]);
    case 'investigation':
    case 'decision':
      return linksOf(db, subject.category, subject.id);
    default:
      return new Map();
  }
}

function linksOf(db: SqliteDatabase, kind: LinkKind, id: string): Links {
  const rows = statements.of(db).linksOf.all(kind, id) as {
    incident_id: string;
    known_ms: number;
  }[];
  return new Map(rows.map((row) => [row.incident_id, row.known_ms]));
}

/** Stores the links of a new stream or notification: known once both it and its parent were. */
function store(
  db: SqliteDatabase,
  kind: LinkKind,
  id: string,
  parents: Links,
  recordedMs: number,
): Links {
  const links: Links = new Map();
  for (const [incidentId, parentKnownMs] of parents) {
    const knownMs = Math.max(recordedMs, parentKnownMs);
    statements.of(db).link.run(kind, id, incidentId, knownMs);
    links.set(incidentId, knownMs);
  }
  return links;
}
