import type { Attribution, LedgerEvent } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import Database from 'better-sqlite3';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import { contingentHistoryProjection } from '../contingent-history/contingent-history.projection';
import { followThroughProjection } from '../follow-through/follow-through.projection';
import type { SqliteDatabase } from '../sqlite/database';
import { LedgerHistory, project } from '../testing/ledger-history';
import { leaderHistoryProjection } from './leader-history.projection';
import { findAppointmentMission, getLeaderHistory } from './leader-history.queries';

/** The history reads its own read model, the audit trail's envelopes, the findings' events and follow-through. */
const projectHistory = (db: SqliteDatabase, events: RecordedEvent[]) =>
  [
    leaderHistoryProjection,
    auditTrailProjection,
    contingentHistoryProjection,
    followThroughProjection,
  ].forEach((projection) => project(db, projection, events));

// UNMISS, 2016: the Kenyan force commander, in post during the Juba violence of July.
const FC = 'appointment-fc-ken';
const NEXT_FC = 'appointment-fc-next';

const appointed = (
  appointmentId: string,
  appointedAt: string,
  role = 'force_commander',
): LedgerEvent => ({
  type: 'LeaderAppointed',
  data: {
    missionCode: 'UNMISS',
    appointmentId,
    role: role as 'force_commander',
    subjectId: `subject-${appointmentId}`,
    nationality: 'KEN',
    appointedAt,
  },
});
const departed = (appointmentId: string, at: string, decisionId?: string): LedgerEvent => ({
  type: 'LeaderDeparted',
  data: {
    missionCode: 'UNMISS',
    appointmentId,
    at,
    reason: 'relieved',
    ...(decisionId === undefined ? {} : { decisionId }),
  },
});
const incident = (incidentId: string, occurredAt: string, missionCode = 'UNMISS'): LedgerEvent => ({
  type: 'IncidentReported',
  data: {
    incidentId,
    missionCode,
    occurredAt,
    location: { name: 'Juba' },
    category: 'failure_to_protect',
    summary: 'Fighting in Juba',
    casualties: {},
    contingentIds: [],
    subjects: [],
  },
});
const investigation = (investigationId: string, incidentIds: string[]): LedgerEvent => ({
  type: 'InvestigationOpened',
  data: { investigationId, incidentIds, kind: 'independent_special_investigation', title: 'ISI' },
});
const finding = (
  investigationId: string,
  findingId: string,
  attributions: Attribution[],
): LedgerEvent => ({
  type: 'FindingRecorded',
  data: {
    investigationId,
    findingId,
    statement: 'A lack of leadership made the response chaotic',
    category: 'leadership',
    attributions,
    severity: 'critical',
    evidenceIds: [],
    contextFactors: [],
  },
});

describe('A leader’s accountability history', () => {
  let db: SqliteDatabase;
  let h: LedgerHistory;
  beforeEach(() => {
    db = new Database(':memory:');
    h = new LedgerHistory('2016-11-01T08:00:00.000Z');
    h.record('mission-UNMISS', {
      type: 'MissionRegistered',
      data: { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' },
    });
    h.record('mission-UNMISS', appointed(FC, '2016-05-26T00:00:00+03:00'));
    h.record('incident-juba', incident('juba', '2016-07-10T12:00:00+03:00'));
    h.record('incident-earlier', incident('earlier', '2016-02-17T22:00:00+03:00'));
    h.record('incident-elsewhere', incident('elsewhere', '2016-08-01T00:00:00Z', 'MINUSCA'));
    h.record('investigation-isi', investigation('isi', ['juba']));
    h.record('investigation-boi', investigation('boi', ['earlier']));
    h.record('investigation-car', investigation('car', ['elsewhere']));
  });
  afterEach(() => db.close());

  const history = () => getLeaderHistory(db, 'UNMISS', FC);

  it('holds the appointment, its mission and, once there is one, its departure', () => {
    h.record('mission-UNMISS', departed(FC, '2016-11-02T00:00:00+03:00', 'decision-1'));
    projectHistory(db, h.events);
    expect(findAppointmentMission(db, FC)).toBe('UNMISS');
    expect(history()?.appointment).toMatchObject({
      appointmentId: FC,
      role: 'force_commander',
      nationality: 'KEN',
      appointedAt: '2016-05-26T00:00:00+03:00',
      departure: { at: '2016-11-02T00:00:00+03:00', reason: 'relieved', decisionId: 'decision-1' },
    });
  });

  it('answers nothing for an appointment of another mission, or none', () => {
    projectHistory(db, h.events);
    expect(getLeaderHistory(db, 'MINUSCA', FC)).toBeNull();
    expect(getLeaderHistory(db, 'UNMISS', 'appointment-unknown')).toBeNull();
    expect(findAppointmentMission(db, 'appointment-unknown')).toBeNull();
  });

  it('holds the findings naming the appointment, and those attributed to the role in its mission while it lasted', () => {
    h.record(
      'investigation-isi',
      finding('isi', 'named', [{ level: 'role', role: 'force_commander', appointmentId: FC }]),
    );
    h.record(
      'investigation-isi',
      finding('isi', 'role-in-post', [{ level: 'role', role: 'force_commander' }]),
    );
    h.record(
      'investigation-boi',
      finding('boi', 'role-before', [{ level: 'role', role: 'force_commander' }]),
    );
    h.record(
      'investigation-car',
      finding('car', 'role-elsewhere', [{ level: 'role', role: 'force_commander' }]),
    );
    h.record(
      'investigation-isi',
      finding('isi', 'other-role', [{ level: 'role', role: 'sector_commander' }]),
    );
    h.record(
      'investigation-isi',
      finding('isi', 'other-leader', [
        { level: 'role', role: 'force_commander', appointmentId: NEXT_FC },
      ]),
    );
    projectHistory(db, h.events);
    expect(history()?.findings.map((f) => [f.findingId, f.basis, f.attributedNow])).toEqual([
      ['named', 'names_the_appointment', true],
      ['role-in-post', 'role_during_appointment', true],
    ]);
  });

  it('leaves out findings about incidents after the leader departed', () => {
    h.record('mission-UNMISS', departed(FC, '2016-07-01T00:00:00+03:00'));
    h.record(
      'investigation-isi',
      finding('isi', 'role-in-post', [{ level: 'role', role: 'force_commander' }]),
    );
    projectHistory(db, h.events);
    expect(history()?.findings).toEqual([]);
  });

  it('keeps a finding revised away from the leader, marked no longer attributed', () => {
    h.record(
      'investigation-isi',
      finding('isi', 'named', [{ level: 'role', role: 'force_commander', appointmentId: FC }]),
    );
    h.record('investigation-isi', {
      type: 'FindingRevised',
      data: {
        investigationId: 'isi',
        findingId: 'named',
        changes: { attributions: [{ level: 'mission_leadership' }] },
        reason: 'The failure was the mission’s',
      },
    });
    projectHistory(db, h.events);
    expect(history()?.findings).toEqual([
      expect.objectContaining({
        findingId: 'named',
        basis: 'names_the_appointment',
        attributedNow: false,
        attributions: [{ level: 'mission_leadership' }],
      }),
    ]);
  });

  it('answers as of a position as the ledger knew it then: attributions, incidents’ times and departures recorded later do not count', () => {
    h.record(
      'investigation-boi',
      finding('boi', 'role-before', [{ level: 'role', role: 'force_commander' }]),
    );
    h.record('investigation-isi', finding('isi', 'later-named', [{ level: 'mission_leadership' }]));
    const before = Number(h.events.at(-1)?.globalPosition);
    // The inquiries establish that the earlier incident happened while he was in post...
    h.record('incident-earlier', {
      type: 'IncidentAmended',
      data: {
        incidentId: 'earlier',
        changes: { occurredAt: '2016-07-11T00:00:00+03:00' },
        reason: 'The date the inquiries established',
      },
    });
    // ... and a finding is revised to name his appointment; then he departs.
    h.record('investigation-isi', {
      type: 'FindingRevised',
      data: {
        investigationId: 'isi',
        findingId: 'later-named',
        changes: {
          attributions: [{ level: 'role', role: 'force_commander', appointmentId: FC }],
        },
        reason: 'The force commander’s own failure',
      },
    });
    h.record('mission-UNMISS', departed(FC, '2016-11-02T00:00:00+03:00'));
    projectHistory(db, h.events);

    const then = getLeaderHistory(db, 'UNMISS', FC, before);
    expect(then?.appointment.departure).toBeNull();
    expect(then?.findings).toEqual([]);
    expect(history()?.appointment.departure).toMatchObject({ reason: 'relieved' });
    expect(history()?.findings.map((f) => [f.findingId, f.basis, f.attributedNow])).toEqual([
      ['role-before', 'role_during_appointment', true],
      ['later-named', 'names_the_appointment', true],
    ]);
    // Before the appointment was recorded, there is no such leader.
    expect(getLeaderHistory(db, 'UNMISS', FC, Number(h.events[0].globalPosition))).toBeNull();
  });

  it('holds the recommendations about the leader, and the decisions with what became of them', () => {
    h.record(
      'investigation-isi',
      finding('isi', 'named', [{ level: 'role', role: 'force_commander', appointmentId: FC }]),
    );
    h.record('investigation-isi', {
      type: 'RecommendationIssued',
      data: {
        investigationId: 'isi',
        recommendationId: 'relieve-fc',
        action: 'relieve_leader',
        appointmentId: FC,
        subjectIds: [],
        findingIds: ['named'],
        rationale: 'Lack of leadership',
      },
    });
    h.record('decision-d-1', {
      type: 'RepatriationDecided',
      data: {
        decisionId: 'd-1',
        recommendation: {
          recommendationId: 'relieve-fc',
          investigationId: 'isi',
          action: 'relieve_leader',
        },
        appointmentId: FC,
        missionCode: 'UNMISS',
        scope: 'leader',
        outcome: 'relieve',
        authority: 'Secretary-General',
        rationale: 'Lack of leadership',
        subjectIds: [],
        decidedAt: '2016-11-01T10:00:00-04:00',
      },
    });
    h.record('decision-d-1', {
      type: 'RepatriationImplemented',
      data: { decisionId: 'd-1', implementedAt: '2016-11-02T00:00:00+03:00' },
    });
    h.record('mission-UNMISS', departed(FC, '2016-11-02T00:00:00+03:00', 'd-1'));
    projectHistory(db, h.events);
    const found = history();
    expect(found?.recommendations).toEqual([
      expect.objectContaining({
        recommendationId: 'relieve-fc',
        appointmentId: FC,
        status: 'implemented',
      }),
    ]);
    expect(found?.decisions).toEqual([
      expect.objectContaining({
        decisionId: 'd-1',
        scope: 'leader',
        outcome: 'relieve',
        contingentId: null,
        appointmentId: FC,
        status: 'implemented',
        consequence: {
          kind: 'leader_departure',
          recorded: expect.objectContaining({ position: expect.any(Number) }),
        },
      }),
    ]);
  });
});
