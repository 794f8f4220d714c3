import { ENVELOPES, type EnvelopeRow } from '../audit-trail/event-envelopes';
import { FINDING_EVENTS_TABLE } from '../contingent-history/contingent-history.tables';
import type { DecisionRecord } from '../documents/decision-record';
import { evolveFinding, findingIdOf, type FindingRecord } from '../documents/finding-record';
import type { LeaderAppointment } from '../documents/leader-appointment';
import type { RecommendationRecord } from '../documents/recommendation-record';
import { decisions, recommendations } from '../follow-through/follow-through.tables';
import type { SqliteDatabase } from '../sqlite/database';
import { versionsAt } from '../sqlite/document-table';
import type { EventFacts } from '../support/envelope';
import { toMillis } from '../support/time';
import {
  appointments,
  FINDING_ROLES_TABLE,
  incidents,
  INVESTIGATION_INCIDENTS_TABLE,
} from './leader-history.tables';

/**
 * Why a finding is in a leader's history: it names the leader's appointment, or it is
 * attributed to the leader's role (naming no appointment) in an investigation of an incident
 * of the leader's mission that occurred while the leader held the post.
 */
export type LeaderFindingBasis = 'names_the_appointment' | 'role_during_appointment';

export interface LeaderFinding extends FindingRecord {
  basis: LeaderFindingBasis;
  /** False when a revision has since taken the attribution away (by the history's position). */
  attributedNow: boolean;
}

export interface LeaderHistory {
  appointmentId: string;
  missionCode: string;
  appointment: LeaderAppointment;
  findings: LeaderFinding[];
  /** Recommendations about the leader (relieve_leader, or repatriate_commander naming the appointment, ...). */
  recommendations: RecommendationRecord[];
  /** Decisions with scope leader about the appointment, with what became of them. */
  decisions: DecisionRecord[];
}

/**
 * The mission an appointment was made in, or null when the ledger holds no such appointment
 * (now: the command path's lookup).
 */
export function findAppointmentMission(db: SqliteDatabase, appointmentId: string): string | null {
  const missionCode = db
    .prepare(`SELECT mission_code FROM ${appointments.name} WHERE id = ? AND valid_to IS NULL`)
    .pluck()
    .get(appointmentId) as string | undefined;
  return missionCode ?? null;
}

/** The appointment now, or as of the global position `upTo`; null when not recorded (by then). */
export function getAppointment(
  db: SqliteDatabase,
  appointmentId: string,
  upTo?: number,
): LeaderAppointment | null {
  return appointments.get(db, appointmentId, upTo);
}

/**
 * A leader's accountability history, now or as of the global position `upTo` (every part as
 * the ledger knew it then); null when the mission holds no such appointment (by then).
 */
export function getLeaderHistory(
  db: SqliteDatabase,
  missionCode: string,
  appointmentId: string,
  upTo?: number,
): LeaderHistory | null {
  const appointment = appointments.get(db, appointmentId, upTo);
  if (appointment === null || appointment.missionCode !== missionCode) return null;
  const versions = versionsAt(upTo);
  const byPosition = (table: string) =>
    (
      db
        .prepare(
          `SELECT doc FROM ${table} WHERE appointment_id = ? AND ${versions.sql} ORDER BY position`,
        )
        .pluck()
        .all(appointmentId, ...versions.params) as string[]
    ).map((doc) => JSON.parse(doc) as never);
  return {
    appointmentId,
    missionCode,
    appointment,
    findings: leaderFindings(db, appointment, upTo),
    recommendations: byPosition(recommendations.name),
    decisions: byPosition(decisions.name),
  };
}

type EventRow = Pick<
  EnvelopeRow,
  'global_position' | 'type' | 'schema_version' | 'recorded_at' | 'occurred_at' | 'data'
>;

/**
 * The findings in the leader's history, each folded from its events to how it stands: all of
 * them now, or with `upTo` those attributed by then, folded from the events up to then, matched
 * to the appointment as it stood then (its departure) and to the incidents' times then.
 */
function leaderFindings(
  db: SqliteDatabase,
  appointment: LeaderAppointment,
  upTo: number | undefined,
): LeaderFinding[] {
  const from = toMillis(appointment.appointedAt);
  const until = appointment.departure === null ? null : toMillis(appointment.departure.at);
  const incident =
    upTo === undefined
      ? 'i.valid_to IS NULL'
      : 'i.valid_from <= @upTo AND (i.valid_to IS NULL OR i.valid_to > @upTo)';
  const matched = db
    .prepare(
      `SELECT finding_id AS findingId, 'names_the_appointment' AS basis
         FROM ${FINDING_ROLES_TABLE} WHERE appointment_id = @appointmentId AND position <= @through
       UNION
       SELECT r.finding_id, 'role_during_appointment'
         FROM ${FINDING_ROLES_TABLE} r
         JOIN ${INVESTIGATION_INCIDENTS_TABLE} l ON l.investigation_id = r.investigation_id
         JOIN ${incidents.name} i ON i.id = l.incident_id AND ${incident}
        WHERE r.role = @role AND r.appointment_id IS NULL AND r.position <= @through
          AND i.mission_code = @missionCode
          AND i.occurred_ms >= @from AND (@until IS NULL OR i.occurred_ms < @until)`,
    )
    .all({
      appointmentId: appointment.appointmentId,
      role: appointment.role,
      missionCode: appointment.missionCode,
      from,
      until,
      through: upTo ?? Number.MAX_SAFE_INTEGER,
      ...(upTo === undefined ? {} : { upTo }),
    }) as { findingId: string; basis: LeaderFindingBasis }[];
  const basis = new Map<string, LeaderFindingBasis>();
  for (const row of matched) {
    if (basis.get(row.findingId) !== 'names_the_appointment') basis.set(row.findingId, row.basis);
  }
  if (basis.size === 0) return [];
  const rows = db
    .prepare(
      `SELECT e.global_position, e.type, e.schema_version, e.recorded_at, e.occurred_at, e.data
         FROM ${FINDING_EVENTS_TABLE} f JOIN ${ENVELOPES} e ON e.global_position = f.position
        WHERE f.finding_id IN (SELECT value FROM json_each(?)) AND f.position <= ?
        ORDER BY f.position`,
    )
    .all(JSON.stringify([...basis.keys()]), upTo ?? Number.MAX_SAFE_INTEGER) as EventRow[];
  const findings = new Map<string, FindingRecord | null>();
  for (const row of rows) {
    const event: EventFacts = {
      type: row.type,
      schemaVersion: row.schema_version,
      data: JSON.parse(row.data) as Record<string, unknown>,
      recordedAt: row.recorded_at,
      globalPosition: BigInt(row.global_position),
      ...(row.occurred_at === null ? {} : { occurredAt: row.occurred_at }),
    };
    const findingId = findingIdOf(event);
    if (findingId === null) continue;
    findings.set(findingId, evolveFinding(findings.get(findingId) ?? null, event));
  }
  return [...findings.values()]
    .filter((finding): finding is FindingRecord => finding !== null)
    .map((finding) => {
      const why = basis.get(finding.findingId) as LeaderFindingBasis;
      const attributedNow = finding.attributions.some((a) =>
        why === 'names_the_appointment'
          ? a.level === 'role' && a.appointmentId === appointment.appointmentId
          : a.level === 'role' && a.role === appointment.role && a.appointmentId === undefined,
      );
      return { ...finding, basis: why, attributedNow };
    });
}
