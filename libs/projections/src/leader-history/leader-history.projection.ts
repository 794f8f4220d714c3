import type { Attribution } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { appointmentIdOf, evolveAppointment } from '../documents/leader-appointment';
import { batched, createQueryIndexes, type Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';
import { toMillis } from '../support/time';
import {
  appointments,
  FINDING_ROLES_TABLE,
  INCIDENTS_TABLE,
  INVESTIGATION_INCIDENTS_TABLE,
  queryIndexes,
} from './leader-history.tables';

const statements = preparedStatements((db) => ({
  findingRole: db.prepare(`INSERT INTO ${FINDING_ROLES_TABLE} VALUES (?, ?, ?, ?)`),
  incident: db.prepare(`INSERT OR IGNORE INTO ${INCIDENTS_TABLE} VALUES (?, ?, ?)`),
  incidentOccurred: db.prepare(
    `UPDATE ${INCIDENTS_TABLE} SET occurred_ms = ? WHERE incident_id = ?`,
  ),
  investigationIncident: db.prepare(`INSERT INTO ${INVESTIGATION_INCIDENTS_TABLE} VALUES (?, ?)`),
}));

/**
 * Each mission leader's appointment, and what a leader's accountability history is made of:
 * the findings ever attributed to a role (with the appointment, when one is named), and when
 * and in which mission the incidents their investigations cover occurred (to match findings
 * attributed to a role to whoever held it then). The findings' events are read from the
 * contingent history's table of them, recommendations and decisions about a leader from the
 * follow-through read model.
 */
export const leaderHistoryProjection: Projection = {
  name: 'leader-history',
  // 2: the appointments versioned like every DocumentTable's (valid_from, valid_to).
  version: 2,
  queryIndexes: () => queryIndexes,

  setup(db) {
    appointments.create(db);
    db.exec(`CREATE TABLE IF NOT EXISTS ${FINDING_ROLES_TABLE} (
      finding_id TEXT NOT NULL,
      investigation_id TEXT NOT NULL,
      role TEXT NOT NULL,
      appointment_id TEXT
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${INCIDENTS_TABLE} (
      incident_id TEXT PRIMARY KEY,
      mission_code TEXT NOT NULL,
      occurred_ms INTEGER
    )`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${INVESTIGATION_INCIDENTS_TABLE} (
      investigation_id TEXT NOT NULL,
      incident_id TEXT NOT NULL
    )`);
    createQueryIndexes(db, queryIndexes);
  },

  reset(db) {
    statements.forget(db);
    appointments.drop(db);
    for (const table of [FINDING_ROLES_TABLE, INCIDENTS_TABLE, INVESTIGATION_INCIDENTS_TABLE]) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  },

  ...batched((db) => {
    const docs = appointments.session(db);
    return {
      apply(event) {
        const appointmentId = appointmentIdOf(event);
        if (appointmentId !== null) {
          docs.update(appointmentId, (doc) => evolveAppointment(doc, event));
          return;
        }
        trackFacts(db, event);
      },
      flush: () => docs.flush(),
    };
  }),
};

function trackFacts(db: SqliteDatabase, event: RecordedEvent): void {
  const s = statements.of(db);
  const attribute = (
    investigationId: string,
    findingId: string,
    attributions: readonly Attribution[] | undefined,
  ) => {
    const roles = (attributions ?? []).filter((a) => a.level === 'role' && a.role !== undefined);
    for (const a of roles) {
      s.findingRole.run(findingId, investigationId, a.role, a.appointmentId ?? null);
    }
  };
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'IncidentReported': {
      const { incidentId, missionCode, occurredAt } = e.data;
      s.incident.run(incidentId, missionCode, toMillis(occurredAt));
      return;
    }
    case 'IncidentAmended': {
      const { occurredAt } = e.data.changes;
      if (occurredAt !== undefined) s.incidentOccurred.run(toMillis(occurredAt), e.data.incidentId);
      return;
    }
    case 'InvestigationOpened':
      new Set(e.data.incidentIds).forEach((id) =>
        s.investigationIncident.run(e.data.investigationId, id),
      );
      return;
    case 'FindingRecorded':
      return attribute(e.data.investigationId, e.data.findingId, e.data.attributions);
    case 'FindingRevised':
      return attribute(e.data.investigationId, e.data.findingId, e.data.changes.attributions);
    case 'FindingWithdrawn':
      return attribute(e.data.investigationId, e.data.findingId, undefined);
    default:
      return;
  }
}
