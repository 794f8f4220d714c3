import type { RecordedEvent } from '@blue-ledger/event-store';
import { applyToRecommendationsAndDecisions } from '../documents/recommendation-decisions';
import { batched, createQueryIndexes, type Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';
import { toMillis } from '../support/time';
import {
  decisions,
  documentTables,
  FINDINGS_TABLE,
  INCIDENTS_TABLE,
  INVESTIGATION_INCIDENTS_TABLE,
  INVESTIGATIONS_TABLE,
  queryIndexes,
  recommendations,
} from './follow-through.tables';

const statements = preparedStatements((db) => ({
  incident: db.prepare(`INSERT OR IGNORE INTO ${INCIDENTS_TABLE} VALUES (?, ?, ?)`),
  incidentOccurred: db.prepare(
    `UPDATE ${INCIDENTS_TABLE} SET occurred_at = ?, occurred_ms = ? WHERE incident_id = ?`,
  ),
  investigation: db.prepare(`INSERT OR IGNORE INTO ${INVESTIGATIONS_TABLE} VALUES (?, NULL, NULL)`),
  investigationIncident: db.prepare(`INSERT INTO ${INVESTIGATION_INCIDENTS_TABLE} VALUES (?, ?)`),
  firstFinding: db.prepare(
    `UPDATE ${INVESTIGATIONS_TABLE} SET first_finding_at = ?, first_finding_position = ?
     WHERE investigation_id = ? AND first_finding_at IS NULL`,
  ),
  finding: db.prepare(`INSERT INTO ${FINDINGS_TABLE} VALUES (?, ?, ?, ?)`),
}));

/**
 * Whether recommendations were followed: each recommendation's status from the decisions
 * answering it, each decision's fate, and the times from incident to first finding to decision.
 * Also the lookups the API needs: a recommendation's investigation, action and unit; a
 * finding's investigation.
 */
export const followThroughProjection: Projection = {
  name: 'follow-through',
  version: 3,
  queryIndexes: () => queryIndexes,

  setup(db) {
    documentTables.forEach((table) => table.create(db));
    db.exec(`CREATE TABLE IF NOT EXISTS ${INCIDENTS_TABLE} (
      incident_id TEXT PRIMARY KEY,
      occurred_at TEXT NOT NULL,
      occurred_ms INTEGER
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${INVESTIGATIONS_TABLE} (
      investigation_id TEXT PRIMARY KEY,
      first_finding_at TEXT,
      first_finding_position INTEGER
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${INVESTIGATION_INCIDENTS_TABLE} (
      investigation_id TEXT NOT NULL,
      incident_id TEXT NOT NULL
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${FINDINGS_TABLE} (
      finding_id TEXT NOT NULL,
      investigation_id TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      position INTEGER NOT NULL
    )`);
    createQueryIndexes(db, queryIndexes);
  },

  reset(db) {
    statements.forget(db);
    documentTables.forEach((table) => table.drop(db));
    for (const table of [
      INCIDENTS_TABLE,
      INVESTIGATIONS_TABLE,
      INVESTIGATION_INCIDENTS_TABLE,
      FINDINGS_TABLE,
    ]) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  },

  ...batched((db) => {
    const documents = {
      recommendations: recommendations.session(db),
      decisions: decisions.session(db),
    };
    return {
      apply(event) {
        applyToRecommendationsAndDecisions(event, documents);
        trackProgress(db, event);
      },
      flush() {
        documents.recommendations.flush();
        documents.decisions.flush();
      },
    };
  }),
};

function trackProgress(db: SqliteDatabase, event: RecordedEvent): void {
  const s = statements.of(db);
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'IncidentReported': {
      const { incidentId, occurredAt } = e.data;
      s.incident.run(incidentId, occurredAt, toMillis(occurredAt));
      return;
    }
    case 'IncidentAmended': {
      const { occurredAt } = e.data.changes;
      if (occurredAt !== undefined) {
        s.incidentOccurred.run(occurredAt, toMillis(occurredAt), e.data.incidentId);
      }
      return;
    }
    case 'InvestigationOpened': {
      const { investigationId, incidentIds } = e.data;
      if (s.investigation.run(investigationId).changes === 0) return;
      new Set(incidentIds).forEach((id) => s.investigationIncident.run(investigationId, id));
      return;
    }
    case 'FindingRecorded': {
      const { investigationId, findingId } = e.data;
      s.finding.run(findingId, investigationId, event.recordedAt, event.globalPosition);
      s.firstFinding.run(event.recordedAt, event.globalPosition, investigationId);
      return;
    }
    default:
      return;
  }
}
