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

/** Every attribution of a finding to a role, revisions included: the role and any appointment named. */
export const FINDING_ROLES_TABLE = 'leader_history_finding_roles';
/** Incident id → its mission and when it occurred (after amendments), in milliseconds. */
export const INCIDENTS_TABLE = 'leader_history_incidents';
/** Investigation id → the incidents it covers. */
export const INVESTIGATION_INCIDENTS_TABLE = 'leader_history_investigation_incidents';

export const queryIndexes: QueryIndex[] = [
  ...appointments.queryIndexes,
  {
    name: `${FINDING_ROLES_TABLE}_by_appointment`,
    table: FINDING_ROLES_TABLE,
    columns: ['appointment_id'],
  },
  { name: `${FINDING_ROLES_TABLE}_by_role`, table: FINDING_ROLES_TABLE, columns: ['role'] },
  {
    name: `${INVESTIGATION_INCIDENTS_TABLE}_by_investigation`,
    table: INVESTIGATION_INCIDENTS_TABLE,
    columns: ['investigation_id'],
  },
];
