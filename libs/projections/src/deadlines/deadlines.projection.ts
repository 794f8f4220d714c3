import { DECIDED_ACTIONS, parseStreamId, type DeadlineKind } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { batched, createQueryIndexes, type Projection } from '../projection';
import type { SqliteDatabase } from '../sqlite/database';
import { preparedStatements } from '../sqlite/prepared-statements';
import { recordedOf, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';
import { earlierMeeting, type DeadlineRecord } from './deadline-record';
import {
  APPLY_INDEXES,
  APPOINTMENTS_TABLE,
  CONTINGENTS_TABLE,
  deadlines,
  FACT_TABLE_DEFINITIONS,
  FACT_TABLES,
  INCIDENTS_TABLE,
  INVESTIGATION_INCIDENTS_TABLE,
  INVESTIGATIONS_TABLE,
  NOTIFICATIONS_TABLE,
  queryIndexes,
} from './deadlines.tables';

const SEA = 'sexual_exploitation_and_abuse';

interface NotificationRow {
  notification_id: string;
  contingent_id: string;
  country: string;
  mission_code: string | null;
  subject_stream_id: string;
  notified_at: string;
  position: number;
  recorded_at: string;
}

interface InvestigationRow {
  investigation_id: string;
  officer_at: string | null;
  officer_ms: number | null;
  officer_position: number | null;
  officer_recorded_at: string | null;
  concluded_at: string | null;
  concluded_ms: number | null;
  concluded_type: string | null;
  concluded_position: number | null;
  concluded_recorded_at: string | null;
}

const statements = preparedStatements((db) => ({
  incident: db.prepare(`INSERT OR IGNORE INTO ${INCIDENTS_TABLE} VALUES (?, ?, ?)`),
  incidentCategory: db.prepare(`UPDATE ${INCIDENTS_TABLE} SET category = ? WHERE incident_id = ?`),
  investigation: db.prepare(
    `INSERT OR IGNORE INTO ${INVESTIGATIONS_TABLE} (investigation_id, kind) VALUES (?, ?)`,
  ),
  investigationIncident: db.prepare(`INSERT INTO ${INVESTIGATION_INCIDENTS_TABLE} VALUES (?, ?)`),
  officer: db.prepare(
    `UPDATE ${INVESTIGATIONS_TABLE} SET country = COALESCE(country, @country),
       officer_at = @at, officer_ms = @ms, officer_position = @position, officer_recorded_at = @recordedAt
     WHERE investigation_id = @investigationId AND (officer_ms IS NULL OR officer_ms > @ms)`,
  ),
  concluded: db.prepare(
    `UPDATE ${INVESTIGATIONS_TABLE} SET concluded_at = @at, concluded_ms = @ms, concluded_type = @type,
       concluded_position = @position, concluded_recorded_at = @recordedAt
     WHERE investigation_id = @investigationId AND (concluded_ms IS NULL OR concluded_ms > @ms)`,
  ),
  countryOfInvestigation: db.prepare(
    `SELECT country FROM ${INVESTIGATIONS_TABLE} WHERE investigation_id = ?`,
  ),
  missionOfInvestigation: db.prepare(
    `SELECT i.mission_code FROM ${INVESTIGATION_INCIDENTS_TABLE} l
       JOIN ${INCIDENTS_TABLE} i ON i.incident_id = l.incident_id
      WHERE l.investigation_id = ? ORDER BY l.rowid LIMIT 1`,
  ),
  contingent: db.prepare(`INSERT OR IGNORE INTO ${CONTINGENTS_TABLE} VALUES (?, ?, ?)`),
  contingentMission: db.prepare(
    `UPDATE ${CONTINGENTS_TABLE} SET mission_code = ? WHERE contingent_id = ?`,
  ),
  contingentOf: db.prepare(
    `SELECT country, mission_code FROM ${CONTINGENTS_TABLE} WHERE contingent_id = ?`,
  ),
  appointment: db.prepare(`INSERT OR IGNORE INTO ${APPOINTMENTS_TABLE} VALUES (?, ?, ?)`),
  appointmentOf: db.prepare(
    `SELECT nationality, mission_code FROM ${APPOINTMENTS_TABLE} WHERE appointment_id = ?`,
  ),
  notification: db.prepare(
    `INSERT OR IGNORE INTO ${NOTIFICATIONS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  notificationById: db.prepare(`SELECT * FROM ${NOTIFICATIONS_TABLE} WHERE notification_id = ?`),
  notificationsAboutIncident: db.prepare(
    `SELECT * FROM ${NOTIFICATIONS_TABLE} WHERE subject_stream_id = 'incident-' || @incidentId
     UNION
     SELECT n.* FROM ${INVESTIGATION_INCIDENTS_TABLE} l
       JOIN ${NOTIFICATIONS_TABLE} n ON n.subject_stream_id = 'investigation-' || l.investigation_id
      WHERE l.incident_id = @incidentId`,
  ),
  incidentsOfInvestigation: db.prepare(
    `SELECT DISTINCT incident_id FROM ${INVESTIGATION_INCIDENTS_TABLE} WHERE investigation_id = ?`,
  ),
  seaIncident: db.prepare(
    `SELECT incident_id FROM ${INCIDENTS_TABLE} WHERE incident_id = ? AND category = '${SEA}'`,
  ),
  seaIncidentsOfInvestigation: db.prepare(
    `SELECT DISTINCT i.incident_id FROM ${INVESTIGATION_INCIDENTS_TABLE} l
       JOIN ${INCIDENTS_TABLE} i ON i.incident_id = l.incident_id
      WHERE l.investigation_id = ? AND i.category = '${SEA}' ORDER BY i.incident_id`,
  ),
  // From the incidents to the investigations that cover them (by the index on incident_id),
  // not through every investigation of the ledger: a rebuild runs this for every notification.
  nationalInvestigations: db.prepare(
    `SELECT DISTINCT v.* FROM json_each(@incidents) j
       JOIN ${INVESTIGATION_INCIDENTS_TABLE} l ON l.incident_id = j.value
       JOIN ${INVESTIGATIONS_TABLE} v ON v.investigation_id = l.investigation_id
      WHERE v.kind = 'national_investigation' AND v.country = @country
      ORDER BY v.investigation_id`,
  ),
}));

/**
 * The deadlines of `libs/domain/src/deadlines/deadline-rules.ts`, kept by the record itself:
 * each started by an event, met by a later one (or not yet), and re-evaluated when a fact it
 * depends on changes (an incident amended into or out of sexual exploitation and abuse, a
 * national investigation opened, its officer appointed, its report submitted). Nothing here
 * reads a clock: the status of a deadline is derived when it is read.
 */
export const deadlinesProjection: Projection = {
  name: 'deadlines',
  // 2: the deadlines' documents versioned like every DocumentTable's (valid_from, valid_to).
  version: 2,
  queryIndexes: () => queryIndexes,

  setup(db) {
    deadlines.create(db);
    FACT_TABLE_DEFINITIONS.forEach((definition) => db.exec(definition));
    createQueryIndexes(db, APPLY_INDEXES);
    createQueryIndexes(db, queryIndexes);
  },

  reset(db) {
    statements.forget(db);
    deadlines.drop(db);
    FACT_TABLES.forEach((table) => db.exec(`DROP TABLE IF EXISTS ${table}`));
  },

  ...batched((db) => ({
    apply: (event) => applyToDeadlines(db, event),
    flush: () => undefined,
  })),
};

function applyToDeadlines(db: SqliteDatabase, event: RecordedEvent): void {
  const s = statements.of(db);
  const recorded = recordedOf(event);
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'ContingentRegistered':
      s.contingent.run(e.data.contingentId, e.data.country, e.data.missionCode);
      return;
    case 'ContingentReHatted':
      s.contingentMission.run(e.data.toMissionCode, e.data.contingentId);
      return;
    case 'LeaderAppointed':
      s.appointment.run(e.data.appointmentId, e.data.nationality, e.data.missionCode);
      return;
    case 'IncidentReported':
      s.incident.run(e.data.incidentId, e.data.missionCode, e.data.category);
      return reviewAllegationsAbout(db, [e.data.incidentId]);
    case 'IncidentAmended':
      if (e.data.changes.category === undefined) return;
      s.incidentCategory.run(e.data.changes.category, e.data.incidentId);
      return reviewAllegationsAbout(db, [e.data.incidentId]);
    case 'InvestigationOpened': {
      const { investigationId, incidentIds, kind, dueBy } = e.data;
      if (s.investigation.run(investigationId, kind).changes === 0) return;
      new Set(incidentIds).forEach((id) => s.investigationIncident.run(investigationId, id));
      if (dueBy !== undefined) {
        put(db, {
          ...blank('investigation_due_date', investigationId, event, recorded),
          missionCode: missionOfInvestigation(db, investigationId),
          investigationId,
          startedAt: event.recordedAt,
          dueBy,
        });
      }
      return reviewAllegationsAbout(db, incidentsOf(db, investigationId));
    }
    case 'NationalInvestigatorAppointed': {
      const { investigationId, country, appointedAt } = e.data;
      s.officer.run({
        investigationId,
        country,
        at: appointedAt,
        ms: Date.parse(appointedAt),
        position: recorded.position,
        recordedAt: recorded.recordedAt,
      });
      update(db, `investigation_due_date:${investigationId}`, (doc) =>
        doc.country === null ? { ...doc, country } : doc,
      );
      return reviewAllegationsAbout(db, incidentsOf(db, investigationId));
    }
    case 'InvestigationReportSubmitted':
    case 'InvestigationClosed': {
      const { investigationId } = e.data;
      const at = e.type === 'InvestigationReportSubmitted' ? e.data.submittedAt : event.recordedAt;
      s.concluded.run({
        investigationId,
        at,
        ms: Date.parse(at),
        type: e.type,
        position: recorded.position,
        recordedAt: recorded.recordedAt,
      });
      update(db, `investigation_due_date:${investigationId}`, (doc) => ({
        ...doc,
        ...earlierMeeting(doc, at, { type: e.type, ...recorded }),
      }));
      return reviewAllegationsAbout(db, incidentsOf(db, investigationId));
    }
    case 'TccNotified': {
      const { notificationId, contingentId, country, subjectStreamId, notifiedAt } = e.data;
      const unit = s.contingentOf.get(contingentId) as { mission_code: string } | undefined;
      s.notification.run(
        notificationId,
        contingentId,
        country,
        unit?.mission_code ?? null,
        subjectStreamId,
        notifiedAt,
        recorded.position,
        recorded.recordedAt,
      );
      put(db, {
        ...blank('tcc_reply', notificationId, event, recorded),
        contingentId,
        country,
        missionCode: unit?.mission_code ?? null,
        notificationId,
        startedAt: notifiedAt,
      });
      const row = s.notificationById.get(notificationId) as NotificationRow;
      return reviewAllegation(db, row);
    }
    case 'TccResponseRecorded': {
      const { regarding, respondedAt } = e.data;
      update(db, `tcc_reply:${regarding}`, (doc) => ({
        ...doc,
        ...earlierMeeting(doc, respondedAt, { type: e.type, ...recorded }),
      }));
      return;
    }
    case 'RecommendationIssued': {
      const { recommendationId, investigationId, action, contingentId, appointmentId } = e.data;
      if (!DECIDED_ACTIONS.includes(action)) return;
      const unit = contingentId
        ? (s.contingentOf.get(contingentId) as
            { country: string; mission_code: string } | undefined)
        : undefined;
      const leader = appointmentId
        ? (s.appointmentOf.get(appointmentId) as
            { nationality: string; mission_code: string } | undefined)
        : undefined;
      put(db, {
        ...blank('recommendation_decision', recommendationId, event, recorded),
        contingentId: contingentId ?? null,
        appointmentId: appointmentId ?? null,
        country: unit?.country ?? leader?.nationality ?? null,
        missionCode:
          unit?.mission_code ?? leader?.mission_code ?? missionOfInvestigation(db, investigationId),
        investigationId,
        recommendationId,
        startedAt: event.recordedAt,
      });
      return;
    }
    case 'RepatriationDecided': {
      const answered = e.data.recommendation;
      if (answered === undefined) return;
      update(db, `recommendation_decision:${answered.recommendationId}`, (doc) => ({
        ...doc,
        ...earlierMeeting(doc, e.data.decidedAt, { type: e.type, ...recorded }),
      }));
      return;
    }
    default:
      return;
  }
}

/** A new deadline of `kind`, started by `event`, keyed by what it is about. */
function blank(
  kind: DeadlineKind,
  key: string,
  event: RecordedEvent,
  started: Recorded,
): DeadlineRecord {
  return {
    deadlineId: `${kind}:${key}`,
    kind,
    streamId: event.streamId,
    contingentId: null,
    appointmentId: null,
    country: null,
    missionCode: null,
    notificationId: null,
    investigationId: null,
    recommendationId: null,
    incidentIds: [],
    startedAt: event.recordedAt,
    dueBy: null,
    metAt: null,
    metBy: null,
    started,
    applies: true,
  };
}

function put(db: SqliteDatabase, doc: DeadlineRecord): void {
  if (deadlines.get(db, doc.deadlineId) === null) deadlines.put(db, doc.deadlineId, doc);
}

function update(
  db: SqliteDatabase,
  deadlineId: string,
  change: (doc: DeadlineRecord) => DeadlineRecord,
): void {
  const before = deadlines.get(db, deadlineId);
  if (before === null) return;
  const after = change(before);
  if (JSON.stringify(after) !== JSON.stringify(before)) deadlines.put(db, deadlineId, after);
}

function incidentsOf(db: SqliteDatabase, investigationId: string): string[] {
  return statements.of(db).incidentsOfInvestigation.pluck().all(investigationId) as string[];
}

function missionOfInvestigation(db: SqliteDatabase, investigationId: string): string | null {
  const mission = statements.of(db).missionOfInvestigation.pluck().get(investigationId);
  return (mission as string | undefined) ?? null;
}

/** Re-evaluates the allegations of every notification about these incidents or their investigations. */
function reviewAllegationsAbout(db: SqliteDatabase, incidentIds: readonly string[]): void {
  const seen = new Set<string>();
  for (const incidentId of incidentIds) {
    const rows = statements
      .of(db)
      .notificationsAboutIncident.all({ incidentId }) as NotificationRow[];
    for (const row of rows) {
      if (seen.has(row.notification_id)) continue;
      seen.add(row.notification_id);
      reviewAllegation(db, row);
    }
  }
}

/**
 * The two deadlines of a notification of an allegation of sexual exploitation and abuse
 * against the notified unit: its country's national investigation officer, within five
 * working days; its national investigation concluded, within ninety days. Both exist while
 * the notification's subject is (or covers) an incident of that category; each is met by the
 * notified country's national investigations of those incidents.
 */
function reviewAllegation(db: SqliteDatabase, notification: NotificationRow): void {
  const s = statements.of(db);
  const subject = parseStreamId(notification.subject_stream_id);
  const incidents =
    subject?.category === 'incident'
      ? (s.seaIncident.pluck().all(subject.id) as string[])
      : subject?.category === 'investigation'
        ? (s.seaIncidentsOfInvestigation.pluck().all(subject.id) as string[])
        : [];
  const national =
    incidents.length === 0
      ? []
      : (s.nationalInvestigations.all({
          country: notification.country,
          incidents: JSON.stringify(incidents),
        }) as InvestigationRow[]);
  const earliest = (ms: (row: InvestigationRow) => number | null) =>
    national
      .filter((row) => ms(row) !== null)
      .sort((a, b) => (ms(a) as number) - (ms(b) as number))[0];
  const officer = earliest((row) => row.officer_ms);
  const concluded = earliest((row) => row.concluded_ms);
  const allegation = (
    kind: DeadlineKind,
    met: InvestigationRow | undefined,
    meeting: 'officer' | 'concluded',
  ) => {
    const deadlineId = `${kind}:${notification.notification_id}`;
    const existing = deadlines.get(db, deadlineId);
    if (incidents.length === 0) {
      if (existing !== null && existing.applies)
        deadlines.put(db, deadlineId, { ...existing, applies: false });
      return;
    }
    const metBy =
      met === undefined
        ? null
        : meeting === 'officer'
          ? {
              type: 'NationalInvestigatorAppointed',
              position: met.officer_position as number,
              recordedAt: met.officer_recorded_at as string,
            }
          : {
              type: met.concluded_type as string,
              position: met.concluded_position as number,
              recordedAt: met.concluded_recorded_at as string,
            };
    const doc: DeadlineRecord = {
      deadlineId,
      kind,
      streamId: `contingent-${notification.contingent_id}`,
      contingentId: notification.contingent_id,
      appointmentId: null,
      country: notification.country,
      missionCode: notification.mission_code,
      notificationId: notification.notification_id,
      investigationId: (met ?? national[0])?.investigation_id ?? null,
      recommendationId: null,
      incidentIds: incidents,
      startedAt: notification.notified_at,
      dueBy: null,
      metAt:
        met === undefined
          ? null
          : ((meeting === 'officer' ? met.officer_at : met.concluded_at) as string),
      metBy,
      started: { position: notification.position, recordedAt: notification.recorded_at },
      applies: true,
    };
    if (JSON.stringify(doc) !== JSON.stringify(existing)) deadlines.put(db, deadlineId, doc);
  };
  allegation('national_investigator_appointment', officer, 'officer');
  allegation('national_investigation_conclusion', concluded, 'concluded');
}
