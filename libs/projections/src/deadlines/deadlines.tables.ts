import { DEADLINE_KINDS } from '@blue-ledger/domain';
import type { QueryIndex } from '../projection';
import { DocumentTable } from '../sqlite/document-table';
import { fixedDueMs, startDayMs, type DeadlineRecord } from './deadline-record';

/**
 * A deadline's place in the lists, unique: one event can start several deadlines (a
 * notification starts three), so the position of that event, then the kind.
 */
export function listOrder(d: Pick<DeadlineRecord, 'started' | 'kind'>): number {
  return d.started.position * DEADLINE_KINDS.length + DEADLINE_KINDS.indexOf(d.kind);
}

/** Each deadline: when it started, what met it; due dates of policy kinds are applied on reading. */
export const deadlines = new DocumentTable<DeadlineRecord>({
  table: 'deadlines',
  columns: [
    { name: 'kind', type: 'TEXT', value: (d) => d.kind },
    { name: 'country', type: 'TEXT', value: (d) => d.country },
    { name: 'mission_code', type: 'TEXT', value: (d) => d.missionCode },
    { name: 'contingent_id', type: 'TEXT', value: (d) => d.contingentId },
    { name: 'appointment_id', type: 'TEXT', value: (d) => d.appointmentId },
    { name: 'applies', type: 'INTEGER', value: (d) => (d.applies ? 1 : 0) },
    { name: 'start_day_ms', type: 'INTEGER', value: startDayMs },
    { name: 'started_ms', type: 'INTEGER', value: (d) => Date.parse(d.startedAt) },
    { name: 'due_ms', type: 'INTEGER', value: fixedDueMs },
    {
      name: 'met_ms',
      type: 'INTEGER',
      value: (d) => (d.metAt === null ? null : Date.parse(d.metAt)),
    },
    { name: 'position', type: 'INTEGER', value: (d) => d.started.position },
    { name: 'seq', type: 'INTEGER', value: listOrder },
  ],
  indexes: [
    ['seq'],
    ['kind', 'seq'],
    ['country', 'seq'],
    ['mission_code', 'seq'],
    ['contingent_id', 'seq'],
    ['appointment_id', 'seq'],
    ['started_ms'],
  ],
});

/** Incident id → its mission and category (after amendments). */
export const INCIDENTS_TABLE = 'deadline_incidents';
/** Investigation id → its kind, its national country, its first officer and its conclusion. */
export const INVESTIGATIONS_TABLE = 'deadline_investigations';
/** Investigation id → the incidents it covers. */
export const INVESTIGATION_INCIDENTS_TABLE = 'deadline_investigation_incidents';
/** Contingent id → its country and the mission it serves in. */
export const CONTINGENTS_TABLE = 'deadline_contingents';
/** Appointment id → the leader's nationality and mission. */
export const APPOINTMENTS_TABLE = 'deadline_appointments';
/** Notification id → whom it told about what, and when. */
export const NOTIFICATIONS_TABLE = 'deadline_notifications';

export const FACT_TABLES = [
  INCIDENTS_TABLE,
  INVESTIGATIONS_TABLE,
  INVESTIGATION_INCIDENTS_TABLE,
  CONTINGENTS_TABLE,
  APPOINTMENTS_TABLE,
  NOTIFICATIONS_TABLE,
];

export const FACT_TABLE_DEFINITIONS = [
  `CREATE TABLE IF NOT EXISTS ${INCIDENTS_TABLE} (
    incident_id TEXT PRIMARY KEY, mission_code TEXT NOT NULL, category TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${INVESTIGATIONS_TABLE} (
    investigation_id TEXT PRIMARY KEY, kind TEXT NOT NULL, country TEXT,
    officer_at TEXT, officer_ms INTEGER, officer_position INTEGER, officer_recorded_at TEXT,
    concluded_at TEXT, concluded_ms INTEGER, concluded_type TEXT,
    concluded_position INTEGER, concluded_recorded_at TEXT)`,
  `CREATE TABLE IF NOT EXISTS ${INVESTIGATION_INCIDENTS_TABLE} (
    investigation_id TEXT NOT NULL, incident_id TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${CONTINGENTS_TABLE} (
    contingent_id TEXT PRIMARY KEY, country TEXT NOT NULL, mission_code TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${APPOINTMENTS_TABLE} (
    appointment_id TEXT PRIMARY KEY, nationality TEXT NOT NULL, mission_code TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${NOTIFICATIONS_TABLE} (
    notification_id TEXT PRIMARY KEY, contingent_id TEXT NOT NULL, country TEXT NOT NULL,
    mission_code TEXT, subject_stream_id TEXT NOT NULL, notified_at TEXT NOT NULL,
    position INTEGER NOT NULL, recorded_at TEXT NOT NULL)`,
];

/** Indexes `apply` reads by, to find what a new fact changes: kept while rebuilding too. */
export const APPLY_INDEXES: QueryIndex[] = [
  {
    name: `${INVESTIGATION_INCIDENTS_TABLE}_by_investigation`,
    table: INVESTIGATION_INCIDENTS_TABLE,
    columns: ['investigation_id'],
  },
  {
    name: `${INVESTIGATION_INCIDENTS_TABLE}_by_incident`,
    table: INVESTIGATION_INCIDENTS_TABLE,
    columns: ['incident_id'],
  },
  {
    name: `${NOTIFICATIONS_TABLE}_by_subject`,
    table: NOTIFICATIONS_TABLE,
    columns: ['subject_stream_id'],
  },
];

/** Indexes that only serve the lists. */
export const queryIndexes: QueryIndex[] = deadlines.queryIndexes;
