import type { RecordedEvent } from '@blue-ledger/event-store';
import { applyToRecommendationsAndDecisions } from '../documents/recommendation-decisions';
import type { Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { recordedOf } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';
import {
  decisions,
  documentTables,
  FINDINGS_TABLE,
  incidents,
  INVESTIGATION_INCIDENTS_TABLE,
  investigations,
  recommendations,
} from './follow-through.tables';

const statements = preparedStatements((db) => ({
  finding: db.prepare(`INSERT OR IGNORE INTO ${FINDINGS_TABLE} VALUES (?, ?)`),
  investigationIncident: db.prepare(
    `INSERT OR IGNORE INTO ${INVESTIGATION_INCIDENTS_TABLE} VALUES (?, ?)`,
  ),
}));

/**
 * Whether recommendations were followed: each recommendation's status from the decisions
 * answering it, each decision's fate, and the times from incident to first finding to decision.
 * Also the lookups the API needs: a recommendation's investigation, action and unit; a
 * finding's investigation.
 */
export const followThroughProjection: Projection = {
  name: 'follow-through',
  version: 1,

  setup(db) {
    documentTables.forEach((table) => table.create(db));
    db.exec(`CREATE TABLE IF NOT EXISTS ${FINDINGS_TABLE} (
      finding_id TEXT PRIMARY KEY,
      investigation_id TEXT NOT NULL
    ) WITHOUT ROWID`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${INVESTIGATION_INCIDENTS_TABLE} (
      investigation_id TEXT NOT NULL,
      incident_id TEXT NOT NULL,
      PRIMARY KEY (investigation_id, incident_id)
    ) WITHOUT ROWID`);
  },

  reset(db) {
    statements.forget(db);
    documentTables.forEach((table) => table.drop(db));
    db.exec(`DROP TABLE IF EXISTS ${FINDINGS_TABLE}`);
    db.exec(`DROP TABLE IF EXISTS ${INVESTIGATION_INCIDENTS_TABLE}`);
  },

  apply(db, event) {
    applyToRecommendationsAndDecisions(db, event, { recommendations, decisions });
    trackProgress(db, event);
  },
};

function trackProgress(db: SqliteDatabase, event: RecordedEvent): void {
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'IncidentReported':
      if (incidents.get(db, e.data.incidentId) === null) {
        const { incidentId, occurredAt } = e.data;
        incidents.put(db, incidentId, { incidentId, occurredAt });
      }
      return;
    case 'IncidentAmended': {
      const { occurredAt } = e.data.changes;
      if (occurredAt === undefined) return;
      incidents.update(db, e.data.incidentId, (doc) =>
        doc === null ? null : { ...doc, occurredAt },
      );
      return;
    }
    case 'InvestigationOpened': {
      const { investigationId, incidentIds } = e.data;
      if (investigations.get(db, investigationId) !== null) return;
      investigations.put(db, investigationId, { investigationId, incidentIds, firstFinding: null });
      incidentIds.forEach((id) => statements.of(db).investigationIncident.run(investigationId, id));
      return;
    }
    case 'FindingRecorded': {
      const { investigationId, findingId } = e.data;
      statements.of(db).finding.run(findingId, investigationId);
      investigations.update(db, investigationId, (doc) =>
        doc === null || doc.firstFinding !== null
          ? doc
          : { ...doc, firstFinding: { ...recordedOf(event), findingId } },
      );
      return;
    }
    default:
      return;
  }
}
