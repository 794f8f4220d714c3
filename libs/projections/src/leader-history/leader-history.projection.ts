import type { Attribution } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { appointmentIdOf, evolveAppointment } from '../documents/leader-appointment';
import { batched, createQueryIndexes, type Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import type { DocumentSession } from '../sqlite/document-table';
import { preparedStatements } from '../sqlite/prepared-statements';
import { ledgerEventOf } from '../support/ledger-event-of';
import { toMillis } from '../support/time';
import {
  appointments,
  FINDING_ROLES_TABLE,
  incidents,
  INVESTIGATION_INCIDENTS_TABLE,
  queryIndexes,
  type IncidentOccurrence,
} from './leader-history.tables';

const statements = preparedStatements((db) => ({
  findingRole: db.prepare(`INSERT INTO ${FINDING_ROLES_TABLE} VALUES (?, ?, ?, ?, ?)`),
  investigationIncident: db.prepare(`INSERT INTO ${INVESTIGATION_INCIDENTS_TABLE} VALUES (?, ?)`),
}));

/**
 * Each mission leader's appointment, and what a leader's accountability history is made of:
 * the findings ever attributed to a role (with the appointment, when one is named), and when
 * and in which mission the incidents their investigations cover occurred (to match findings
 * attributed to a role to whoever held it then). The findings' events are read from the
 * contingent history's table of them, recommendations and decisions about a leader from the
 * follow-through read model. Everything is kept by position, so a history answers as of any
 * position P: the appointment and the incidents as versions, the attributions as rows.
 */
export const leaderHistoryProjection: Projection = {
  name: 'leader-history',
  // 2: the appointments versioned like every DocumentTable's (valid_from, valid_to).
  // 3: the incidents versioned too, the attributions by position (a history as of any position).
  version: 3,
  queryIndexes: () => queryIndexes,

  setup(db) {
    appointments.create(db);
    incidents.create(db);
    db.exec(`CREATE TABLE IF NOT EXISTS ${FINDING_ROLES_TABLE} (
      finding_id TEXT NOT NULL,
      investigation_id TEXT NOT NULL,
      role TEXT NOT NULL,
      appointment_id TEXT,
      position INTEGER NOT NULL
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
    incidents.drop(db);
    for (const table of [FINDING_ROLES_TABLE, INVESTIGATION_INCIDENTS_TABLE]) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  },

  ...batched((db) => {
    const docs = appointments.session(db);
    const occurrences = incidents.session(db);
    return {
      apply(event) {
        const appointmentId = appointmentIdOf(event);
        if (appointmentId !== null) {
          docs.update(appointmentId, (doc) => evolveAppointment(doc, event));
          return;
        }
        trackFacts(db, occurrences, event);
      },
      flush() {
        docs.flush();
        occurrences.flush();
      },
    };
  }),
};

function trackFacts(
  db: SqliteDatabase,
  occurrences: DocumentSession<IncidentOccurrence>,
  event: RecordedEvent,
): void {
  const s = statements.of(db);
  const position = event.globalPosition;
  const attribute = (
    investigationId: string,
    findingId: string,
    attributions: readonly Attribution[] | undefined,
  ) => {
    const roles = (attributions ?? []).filter((a) => a.level === 'role' && a.role !== undefined);
    for (const a of roles) {
      s.findingRole.run(findingId, investigationId, a.role, a.appointmentId ?? null, position);
    }
  };
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'IncidentReported': {
      const { incidentId, missionCode, occurredAt } = e.data;
      occurrences.update(
        incidentId,
        (doc) => doc ?? { incidentId, missionCode, occurredMs: toMillis(occurredAt) },
      );
      return;
    }
    case 'IncidentAmended': {
      const { occurredAt } = e.data.changes;
      if (occurredAt === undefined) return;
      occurrences.update(e.data.incidentId, (doc) =>
        doc === null ? null : { ...doc, occurredMs: toMillis(occurredAt) },
      );
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
