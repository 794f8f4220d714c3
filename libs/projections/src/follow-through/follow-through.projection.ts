import type { RecordedEvent } from '@blue-ledger/event-store';
import { applyToRecommendationsAndDecisions } from '../documents/recommendation-decisions';
import { batched, createQueryIndexes, type Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';
import type { DocumentSession } from '../sqlite/document-table';
import {
  decisions,
  documentTables,
  FINDINGS_TABLE,
  incidents,
  INVESTIGATION_INCIDENTS_TABLE,
  INVESTIGATIONS_TABLE,
  queryIndexes,
  recommendations,
  type IncidentOccurrence,
} from './follow-through.tables';

const statements = preparedStatements((db) => ({
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
  // 3: documents versioned (answers as of any position); incidents' occurrence as documents;
  // findings with when and where they were recorded. 4: both of those together, with leaders'
  // recommendations and decisions and the consequences of implemented decisions. 5: when each
  // incident was reported and each decision recorded: the durations are in recorded time.
  version: 5,
  queryIndexes: () => queryIndexes,

  setup(db) {
    documentTables.forEach((table) => table.create(db));
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
    for (const table of [INVESTIGATIONS_TABLE, INVESTIGATION_INCIDENTS_TABLE, FINDINGS_TABLE]) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  },

  ...batched((db) => {
    const documents = {
      recommendations: recommendations.session(db),
      decisions: decisions.session(db),
    };
    const occurrences = incidents.session(db);
    return {
      apply(event) {
        applyToRecommendationsAndDecisions(event, documents);
        trackProgress(db, occurrences, event);
      },
      flush() {
        documents.recommendations.flush();
        documents.decisions.flush();
        occurrences.flush();
      },
    };
  }),
};

function trackProgress(
  db: SqliteDatabase,
  occurrences: DocumentSession<IncidentOccurrence>,
  event: RecordedEvent,
): void {
  const s = statements.of(db);
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'IncidentReported': {
      const { incidentId, occurredAt } = e.data;
      const reportedAt = event.recordedAt;
      occurrences.update(incidentId, (doc) => doc ?? { incidentId, occurredAt, reportedAt });
      return;
    }
    case 'IncidentAmended': {
      const { incidentId, changes } = e.data;
      const { occurredAt } = changes;
      if (occurredAt === undefined) return;
      occurrences.update(incidentId, (doc) => (doc === null ? null : { ...doc, occurredAt }));
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
