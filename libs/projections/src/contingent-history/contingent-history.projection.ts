import type { RecordedEvent } from '@blue-ledger/event-store';
import { contingentIdOf, evolveContingentState } from '../documents/contingent-state';
import { evolveFinding, findingIdOf, unitsOf } from '../documents/finding-record';
import { evolveIncidentSummary, incidentIdsOf } from '../documents/incident-summary';
import { applyToRecommendationsAndDecisions } from '../documents/recommendation-decisions';
import type { Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { recordedOf } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';
import {
  contingents,
  decisions,
  documentTables,
  FACTS_TABLE,
  FINDING_UNITS_TABLE,
  findings,
  incidents,
  recommendations,
  type FactKind,
} from './contingent-history.tables';

const statements = preparedStatements((db) => ({
  fact: db.prepare(`INSERT INTO ${FACTS_TABLE} VALUES (?, ?, ?, ?)`),
  findingUnit: db.prepare(`INSERT OR IGNORE INTO ${FINDING_UNITS_TABLE} VALUES (?, ?)`),
}));

/**
 * A contingent's accountability history: deployments and rotations, incidents, findings
 * attributed to it, namings, recommendations and decisions about it and whether they were
 * carried out, notifications and replies, evaluations and commendations.
 */
export const contingentHistoryProjection: Projection = {
  name: 'contingent-history',
  version: 1,

  setup(db) {
    documentTables.forEach((table) => table.create(db));
    db.exec(`CREATE TABLE IF NOT EXISTS ${FACTS_TABLE} (
      contingent_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL,
      fact TEXT NOT NULL,
      PRIMARY KEY (contingent_id, position)
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${FINDING_UNITS_TABLE} (
      contingent_id TEXT NOT NULL,
      finding_id TEXT NOT NULL,
      PRIMARY KEY (contingent_id, finding_id)
    ) WITHOUT ROWID`);
  },

  reset(db) {
    statements.forget(db);
    documentTables.forEach((table) => table.drop(db));
    db.exec(`DROP TABLE IF EXISTS ${FACTS_TABLE}`);
    db.exec(`DROP TABLE IF EXISTS ${FINDING_UNITS_TABLE}`);
  },

  apply(db, event) {
    const contingentId = contingentIdOf(event);
    if (contingentId !== null) {
      contingents.update(db, contingentId, (doc) => evolveContingentState(doc, event));
    }
    incidentIdsOf(event).forEach((incidentId) => updateIncident(db, event, incidentId));
    const findingId = findingIdOf(event);
    if (findingId !== null) {
      const finding = findings.update(db, findingId, (doc) => evolveFinding(doc, event));
      if (finding !== null) {
        unitsOf(finding).forEach((unit) => statements.of(db).findingUnit.run(unit, findingId));
      }
    }
    applyToRecommendationsAndDecisions(db, event, { recommendations, decisions });
    recordFacts(db, event);
  },
};

function recordFact(
  db: SqliteDatabase,
  event: RecordedEvent,
  contingentId: string,
  kind: FactKind,
  details: object,
): void {
  const recorded = recordedOf(event);
  const fact = JSON.stringify({ ...details, ...recorded });
  statements.of(db).fact.run(contingentId, recorded.position, kind, fact);
}

/** Keeps the incident's current facts, and links each unit newly linked to it. */
function updateIncident(db: SqliteDatabase, event: RecordedEvent, incidentId: string): void {
  const before = incidents.get(db, incidentId);
  const after = evolveIncidentSummary(before, event);
  if (after === null || after === before) return;
  incidents.put(db, incidentId, after);
  const linkedBefore = new Set(before?.contingentIds ?? []);
  for (const contingentId of after.contingentIds) {
    if (!linkedBefore.has(contingentId)) {
      recordFact(db, event, contingentId, 'incident_link', { incidentId });
    }
  }
}

function recordFacts(db: SqliteDatabase, event: RecordedEvent): void {
  const fact = (contingentId: string, kind: FactKind, details: object) =>
    recordFact(db, event, contingentId, kind, details);
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'ContingentRotated': {
      const { contingentId, personal: _personal, ...rotation } = e.data;
      return fact(contingentId, 'rotation', rotation);
    }
    case 'ContingentReHatted': {
      const { contingentId, ...reHatting } = e.data;
      return fact(contingentId, 're_hatting', reHatting);
    }
    case 'ContingentEvaluated': {
      const { contingentId, ...evaluation } = e.data;
      return fact(contingentId, 'evaluation', evaluation);
    }
    case 'ContingentCommended': {
      const { contingentId, ...commendation } = e.data;
      return fact(contingentId, 'commendation', commendation);
    }
    case 'TccNotified': {
      const { contingentId, ...notification } = e.data;
      return fact(contingentId, 'notification', notification);
    }
    case 'TccResponseRecorded': {
      const { contingentId, ...response } = e.data;
      return fact(contingentId, 'response', response);
    }
    case 'UnitNamed': {
      const { contingentId, ...naming } = e.data;
      return fact(contingentId, 'naming', naming);
    }
    default:
      return;
  }
}
