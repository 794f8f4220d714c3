import type { LeaderAppointment } from '../documents/leader-appointment';
import type { QueryIndex } from '../projection';
import { DocumentTable } from '../sqlite/document-table';

/** Each appointment of a mission leader, with its departure. */
export const appointments = new DocumentTable<LeaderAppointment>({
  table: 'leader_appointments',
  columns: [
    { name: 'mission_code', type: 'TEXT', value: (d) => d.missionCode },
    { name: 'role', type: 'TEXT', value: (d) => d.role },
    { name: 'nationality', type: 'TEXT', value: (d) => d.nationality },
    { name: 'position', type: 'INTEGER', value: (d) => d.recorded.position },
  ],
  indexes: [['position'], ['mission_code', 'position'], ['nationality', 'position']],
});

/** Where and when an incident occurred, after the amendments made so far (in milliseconds). */
export interface IncidentOccurrence {
  incidentId: string;
  missionCode: string;
  occurredMs: number | null;
}

/**
 * Incident id → its mission and when it occurred, versioned like every document: an amendment
 * of the time it occurred makes a new version, so a history as of P matches findings to
 * whoever held the role then as the ledger knew it at P.
 */
export const incidents = new DocumentTable<IncidentOccurrence>({
  table: 'leader_history_incidents',
  columns: [
    { name: 'mission_code', type: 'TEXT', value: (d) => d.missionCode },
    { name: 'occurred_ms', type: 'INTEGER', value: (d) => d.occurredMs },
  ],
  indexes: [],
});

/**
 * Every attribution of a finding to a role, revisions included: the role and any appointment
 * named, with the global position of the event that made it (a history as of P reads those up
 * to P).
 */
export const FINDING_ROLES_TABLE = 'leader_history_finding_roles';
/**
 * Investigation id → the incidents it covers, written when it is opened and never changed: a
 * history as of P reaches only investigations with a finding recorded by P, opened before.
 */
export const INVESTIGATION_INCIDENTS_TABLE = 'leader_history_investigation_incidents';

export const queryIndexes: QueryIndex[] = [
  ...appointments.queryIndexes,
  ...incidents.queryIndexes,
  {
    name: `${FINDING_ROLES_TABLE}_by_appointment`,
    table: FINDING_ROLES_TABLE,
    columns: ['appointment_id', 'position'],
  },
  {
    name: `${FINDING_ROLES_TABLE}_by_role`,
    table: FINDING_ROLES_TABLE,
    columns: ['role', 'position'],
  },
  {
    name: `${INVESTIGATION_INCIDENTS_TABLE}_by_investigation`,
    table: INVESTIGATION_INCIDENTS_TABLE,
    columns: ['investigation_id'],
  },
];
