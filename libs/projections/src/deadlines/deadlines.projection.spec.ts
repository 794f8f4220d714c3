import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  DEFAULT_DEADLINE_POLICY,
  type DeadlineStatus,
  type LedgerEvent,
} from '@blue-ledger/domain';
import type { SqliteDatabase } from '../sqlite/database';
import { LedgerHistory, project } from '../testing/ledger-history';
import { deadlinesProjection } from './deadlines.projection';
import { deadlinesOf, listDeadlines, type DeadlineQuery } from './deadlines.queries';

// MINUSCA, 2021: an allegation of sexual exploitation and abuse against the Gabonese battalion.
const GAB = 'gab-batt';
const SEA_INCIDENT = 'incident-sea-1';
const NOTIFIED_AT = '2021-06-09T15:00:00+01:00'; // a Wednesday, in Bangui
const at = (iso: string) => Date.parse(iso);

const registered = (contingentId = GAB, country = 'GAB'): LedgerEvent => ({
  type: 'ContingentRegistered',
  data: {
    contingentId,
    country,
    unitType: 'infantry_battalion',
    designation: `${country} battalion`,
    missionCode: 'MINUSCA',
  },
});
const reported = (
  incidentId = SEA_INCIDENT,
  category = 'sexual_exploitation_and_abuse',
): LedgerEvent => ({
  type: 'IncidentReported',
  data: {
    incidentId,
    missionCode: 'MINUSCA',
    occurredAt: '2021-05-30T00:00:00+01:00',
    location: { name: 'Bambari' },
    category: category as 'sexual_exploitation_and_abuse',
    summary: 'Allegation of sexual exploitation and abuse',
    casualties: {},
    contingentIds: [GAB],
    subjects: [],
  },
});
const notified = (
  subjectStreamId = `incident-${SEA_INCIDENT}`,
  notificationId = 'n-1',
): LedgerEvent => ({
  type: 'TccNotified',
  data: {
    contingentId: GAB,
    notificationId,
    country: 'GAB',
    subjectStreamId,
    notifiedAt: NOTIFIED_AT,
    channel: 'note_verbale',
  },
});
const opened = (
  investigationId = 'national-1',
  kind = 'national_investigation',
  dueBy?: string,
  incidentIds = [SEA_INCIDENT],
): LedgerEvent => ({
  type: 'InvestigationOpened',
  data: {
    investigationId,
    incidentIds,
    kind: kind as 'national_investigation',
    title: 'National investigation',
    ...(dueBy === undefined ? {} : { dueBy }),
  },
});
const officer = (
  appointedAt: string,
  country = 'GAB',
  investigationId = 'national-1',
): LedgerEvent => ({
  type: 'NationalInvestigatorAppointed',
  data: { investigationId, country, appointedAt },
});
const reportSubmitted = (submittedAt: string, investigationId = 'national-1'): LedgerEvent => ({
  type: 'InvestigationReportSubmitted',
  data: { investigationId, summary: 'Substantiated', submittedAt },
});

describe('Deadlines', () => {
  let db: SqliteDatabase;
  let h: LedgerHistory;
  beforeEach(() => {
    db = new Database(':memory:');
    h = new LedgerHistory('2021-06-01T08:00:00.000Z');
    h.record(`contingent-${GAB}`, registered());
    h.record(`incident-${SEA_INCIDENT}`, reported());
  });
  afterEach(() => db.close());

  const build = () => project(db, deadlinesProjection, h.events);
  const list = (clock: string, query: DeadlineQuery = {}, policy = DEFAULT_DEADLINE_POLICY) =>
    listDeadlines(db, query, policy, at(clock)).items;
  const byKind = (clock: string, policy = DEFAULT_DEADLINE_POLICY) =>
    Object.fromEntries(list(clock, {}, policy).map((d) => [d.kind, d]));

  describe('given a notification of an allegation of sexual exploitation and abuse against the unit', () => {
    beforeEach(() => h.record(`contingent-${GAB}`, notified(), { occurredAt: NOTIFIED_AT }));

    it('starts the officer’s five working days, the investigation’s ninety days and the reply window at the notification', () => {
      build();
      const deadlines = byKind('2021-06-10T00:00:00Z');
      expect(deadlines.national_investigator_appointment).toEqual({
        deadlineId: 'national_investigator_appointment:n-1',
        kind: 'national_investigator_appointment',
        streamId: `contingent-${GAB}`,
        contingentId: GAB,
        country: 'GAB',
        missionCode: 'MINUSCA',
        notificationId: 'n-1',
        incidentIds: [SEA_INCIDENT],
        startedAt: NOTIFIED_AT,
        dueAt: '2021-06-17T00:00:00+01:00',
        status: 'open',
      });
      expect(deadlines.national_investigation_conclusion).toMatchObject({
        dueAt: '2021-09-08T00:00:00+01:00',
        status: 'open',
      });
      expect(deadlines.tcc_reply).toMatchObject({
        dueAt: '2021-07-10T00:00:00+01:00',
        status: 'open',
      });
    });

    it('is overdue once the fifth working day has passed without an officer, by so many working days', () => {
      build();
      expect(byKind('2021-06-21T12:00:00+01:00').national_investigator_appointment).toMatchObject({
        status: 'overdue',
        daysLate: 5,
        workingDaysLate: 3,
      });
    });

    it('is missed by nine working days when the officer is appointed on the Tuesday after next', () => {
      h.record('investigation-national-1', opened());
      h.record('investigation-national-1', officer('2021-06-29T10:00:00+01:00'));
      build();
      expect(byKind('2021-07-01T00:00:00Z').national_investigator_appointment).toMatchObject({
        status: 'missed',
        metAt: '2021-06-29T10:00:00+01:00',
        investigationId: 'national-1',
        daysLate: 13,
        workingDaysLate: 9,
      });
    });

    it('is met by the earliest officer of the country’s national investigations of the allegation, not of another incident', () => {
      h.record(
        'investigation-national-1',
        opened('national-1', 'national_investigation', undefined, ['incident-other']),
      );
      h.record('investigation-national-1', officer('2021-06-14T10:00:00+01:00'));
      h.record('investigation-national-2', opened('national-2'));
      h.record(
        'investigation-national-2',
        officer('2021-06-15T10:00:00+01:00', 'GAB', 'national-2'),
      );
      build();
      expect(byKind('2021-07-01T00:00:00Z').national_investigator_appointment).toMatchObject({
        status: 'met',
        metAt: '2021-06-15T10:00:00+01:00',
        investigationId: 'national-2',
      });
    });

    it('is not met by another country’s national investigation, nor by an investigation that is not national', () => {
      h.record('investigation-national-1', opened());
      h.record('investigation-national-1', officer('2021-06-10T10:00:00+01:00', 'CMR'));
      h.record('investigation-boi', opened('boi', 'board_of_inquiry'));
      build();
      expect(byKind('2021-07-01T00:00:00Z').national_investigator_appointment).toMatchObject({
        status: 'overdue',
      });
    });

    it('counts the investigation concluded by its report, or else by its closure when recorded', () => {
      h.record('investigation-national-1', opened());
      h.record('investigation-national-1', officer('2021-06-14T10:00:00+01:00'));
      h.record('investigation-national-1', reportSubmitted('2021-10-01T00:00:00+01:00'));
      h.record(
        'investigation-national-1',
        { type: 'InvestigationClosed', data: { investigationId: 'national-1', summary: 'Closed' } },
        { recordedAt: '2021-09-01T09:00:00.000Z' },
      );
      build();
      expect(byKind('2021-12-01T00:00:00Z').national_investigation_conclusion).toMatchObject({
        status: 'met',
        metAt: '2021-09-01T09:00:00.000Z',
      });
    });

    it('is missed when the national investigation reports after ninety days', () => {
      h.record('investigation-national-1', opened());
      h.record('investigation-national-1', officer('2021-06-14T10:00:00+01:00'));
      h.record('investigation-national-1', reportSubmitted('2021-09-10T12:00:00+01:00'));
      build();
      expect(byKind('2021-12-01T00:00:00Z').national_investigation_conclusion).toMatchObject({
        status: 'missed',
        daysLate: 3,
        workingDaysLate: 3,
      });
    });

    it('meets the reply window with the country’s first reply', () => {
      h.record(`contingent-${GAB}`, {
        type: 'TccResponseRecorded',
        data: {
          contingentId: GAB,
          responseId: 'r-1',
          country: 'GAB',
          regarding: 'n-1',
          statement: 'An officer will be appointed',
          respondedAt: '2021-06-20T09:00:00+01:00',
        },
      });
      build();
      expect(byKind('2021-07-01T00:00:00Z').tcc_reply).toMatchObject({
        status: 'met',
        metAt: '2021-06-20T09:00:00+01:00',
      });
    });

    it('applies the ledger’s reply window as configured, to every deadline of its kind', () => {
      build();
      const policy = { ...DEFAULT_DEADLINE_POLICY, replyWindowDays: 10 };
      expect(byKind('2021-06-25T00:00:00Z', policy).tcc_reply).toMatchObject({
        dueAt: '2021-06-20T00:00:00+01:00',
        status: 'overdue',
        daysLate: 6,
      });
    });

    it('drops the allegation’s deadlines when the incident is amended out of sexual exploitation and abuse, and keeps the reply', () => {
      h.record(`incident-${SEA_INCIDENT}`, {
        type: 'IncidentAmended',
        data: {
          incidentId: SEA_INCIDENT,
          changes: { category: 'misconduct' },
          reason: 'Reclassified',
        },
      });
      build();
      expect(list('2021-07-01T00:00:00Z').map((d) => d.kind)).toEqual(['tcc_reply']);
    });

    it('as of a position before the officer’s appointment was recorded, does not count it, whenever it happened', () => {
      h.record('investigation-national-1', opened());
      const before = Number(h.events.at(-1)?.globalPosition);
      // Recorded on the 25th: the officer was appointed on the 14th, in time.
      h.record('investigation-national-1', officer('2021-06-14T10:00:00+01:00'), {
        recordedAt: '2021-06-25T09:00:00.000Z',
      });
      build();
      const clock = at('2021-06-21T12:00:00+01:00');
      const asKnown = (upTo?: number) =>
        Object.fromEntries(
          listDeadlines(db, { upTo }, DEFAULT_DEADLINE_POLICY, clock).items.map((d) => [d.kind, d]),
        );
      expect(asKnown(before).national_investigator_appointment).toMatchObject({
        status: 'overdue',
        workingDaysLate: 3,
      });
      expect(asKnown(before).national_investigator_appointment).not.toHaveProperty('metAt');
      expect(asKnown().national_investigator_appointment).toMatchObject({
        status: 'met',
        metAt: '2021-06-14T10:00:00+01:00',
      });
      expect(
        deadlinesOf(db, { contingentId: GAB }, DEFAULT_DEADLINE_POLICY, clock, {
          upTo: before,
        }).map((d) => [d.kind, d.status]),
      ).toEqual([
        ['national_investigator_appointment', 'overdue'],
        ['national_investigation_conclusion', 'open'],
        ['tcc_reply', 'open'],
      ]);
      // Before the notification was recorded, no deadline had started.
      expect(
        listDeadlines(
          db,
          { upTo: Number(h.events[1].globalPosition) },
          DEFAULT_DEADLINE_POLICY,
          clock,
        ).items,
      ).toEqual([]);
    });

    it('lists by status at the clock given, by kind, by country and by mission', () => {
      build();
      const kinds = (clock: string, query: DeadlineQuery) => list(clock, query).map((d) => d.kind);
      expect(kinds('2021-06-20T00:00:00Z', { status: 'overdue' })).toEqual([
        'national_investigator_appointment',
      ]);
      expect(kinds('2021-06-20T00:00:00Z', { status: 'open' })).toEqual([
        'national_investigation_conclusion',
        'tcc_reply',
      ]);
      expect(kinds('2021-06-20T00:00:00Z', { kind: 'tcc_reply' })).toEqual(['tcc_reply']);
      expect(kinds('2021-06-20T00:00:00Z', { country: 'CMR' })).toEqual([]);
      expect(kinds('2021-06-20T00:00:00Z', { mission: 'MINUSCA' })).toHaveLength(3);
      expect(
        deadlinesOf(db, { contingentId: GAB }, DEFAULT_DEADLINE_POLICY, at('2021-06-20T00:00:00Z')),
      ).toHaveLength(3);
    });
  });

  it('starts the allegation’s deadlines at the notification when the incident is amended into sexual exploitation and abuse later', () => {
    h.record('incident-misconduct', reported('incident-misconduct', 'misconduct'));
    h.record(`contingent-${GAB}`, notified('incident-incident-misconduct'));
    h.record('incident-incident-misconduct', {
      type: 'IncidentAmended',
      data: {
        incidentId: 'incident-misconduct',
        changes: { category: 'sexual_exploitation_and_abuse' },
        reason: 'The victim’s statement',
      },
    });
    build();
    expect(byKind('2021-06-10T00:00:00Z').national_investigator_appointment).toMatchObject({
      startedAt: NOTIFIED_AT,
      incidentIds: ['incident-misconduct'],
    });
  });

  it('counts a notification about an investigation covering the allegation as one about the allegation', () => {
    h.record('investigation-oios', opened('oios', 'oios'));
    h.record(`contingent-${GAB}`, notified('investigation-oios'));
    build();
    expect(Object.keys(byKind('2021-06-10T00:00:00Z')).sort()).toEqual([
      'national_investigation_conclusion',
      'national_investigator_appointment',
      'tcc_reply',
    ]);
  });

  it('starts no allegation deadline for a notification about another kind of incident', () => {
    h.record('incident-fire', reported('incident-fire', 'failure_to_protect'));
    h.record(`contingent-${GAB}`, notified('incident-incident-fire'));
    build();
    expect(list('2021-06-10T00:00:00Z').map((d) => d.kind)).toEqual(['tcc_reply']);
  });

  describe('an investigation with a due date', () => {
    beforeEach(() =>
      h.record('investigation-boi', opened('boi', 'board_of_inquiry', '2021-09-30T17:00:00Z'), {
        recordedAt: '2021-06-02T08:00:00.000Z',
      }),
    );

    it('is open until its due date, from when it was opened', () => {
      build();
      expect(byKind('2021-09-30T16:59:59Z').investigation_due_date).toMatchObject({
        streamId: 'investigation-boi',
        investigationId: 'boi',
        startedAt: '2021-06-02T08:00:00.000Z',
        dueAt: '2021-09-30T17:00:00Z',
        status: 'open',
      });
    });

    it('is met by a report submitted in time', () => {
      h.record('investigation-boi', reportSubmitted('2021-09-15T00:00:00Z', 'boi'));
      build();
      expect(byKind('2021-10-15T00:00:00Z').investigation_due_date).toMatchObject({
        status: 'met',
      });
    });

    it('is missed when closed after it', () => {
      h.record(
        'investigation-boi',
        { type: 'InvestigationClosed', data: { investigationId: 'boi', summary: 'Closed late' } },
        { recordedAt: '2021-10-04T10:00:00.000Z' },
      );
      build();
      expect(byKind('2021-10-15T00:00:00Z').investigation_due_date).toMatchObject({
        status: 'missed',
        daysLate: 4,
        workingDaysLate: 2,
      });
    });
  });

  describe('a recommendation a decision answers', () => {
    const issued = (recommendationId: string, action: string, extra: object = {}): LedgerEvent => ({
      type: 'RecommendationIssued',
      data: {
        investigationId: 'boi',
        recommendationId,
        action: action as 'repatriate_unit',
        subjectIds: [],
        findingIds: ['f-1'],
        rationale: 'On the findings',
        ...extra,
      },
    });
    beforeEach(() => {
      h.record('investigation-boi', opened('boi', 'board_of_inquiry'));
      h.record('mission-MINUSCA', {
        type: 'LeaderAppointed',
        data: {
          missionCode: 'MINUSCA',
          appointmentId: 'srsg-1',
          role: 'srsg',
          subjectId: 'subject-srsg',
          nationality: 'SEN',
          appointedAt: '2014-01-01T00:00:00Z',
        },
      });
    });

    it('is decided within the ledger’s decision window, from when it was issued', () => {
      h.record('investigation-boi', issued('rec-unit', 'repatriate_unit', { contingentId: GAB }), {
        recordedAt: '2021-06-03T08:00:00.000Z',
      });
      h.record('investigation-boi', issued('rec-retrain', 'retrain', { contingentId: GAB }));
      h.record(
        'investigation-boi',
        issued('rec-srsg', 'relieve_leader', { appointmentId: 'srsg-1' }),
      );
      build();
      const items = list('2021-06-10T00:00:00Z', { kind: 'recommendation_decision' });
      expect(items.map((d) => [d.recommendationId, d.country, d.dueAt])).toEqual([
        ['rec-unit', 'GAB', '2021-09-02T00:00:00Z'],
        ['rec-srsg', 'SEN', expect.any(String)],
      ]);
      expect(items[1]).toMatchObject({ appointmentId: 'srsg-1', missionCode: 'MINUSCA' });
      expect(
        deadlinesOf(
          db,
          { appointmentId: 'srsg-1' },
          DEFAULT_DEADLINE_POLICY,
          at('2021-06-10T00:00:00Z'),
        ),
      ).toHaveLength(1);
    });

    it('is met by the first decision answering it', () => {
      h.record('investigation-boi', issued('rec-unit', 'repatriate_unit', { contingentId: GAB }));
      h.record('decision-d-1', {
        type: 'RepatriationDecided',
        data: {
          decisionId: 'd-1',
          recommendation: {
            recommendationId: 'rec-unit',
            investigationId: 'boi',
            action: 'repatriate_unit',
          },
          contingentId: GAB,
          scope: 'unit',
          outcome: 'repatriate',
          authority: 'USG DPO',
          rationale: 'As recommended',
          subjectIds: [],
          decidedAt: '2021-08-15T00:00:00Z',
        },
      });
      build();
      expect(byKind('2021-12-01T00:00:00Z').recommendation_decision).toMatchObject({
        status: 'met',
        metAt: '2021-08-15T00:00:00Z',
      });
    });
  });

  it('filters by status exactly as each deadline’s status reads at the same clock', () => {
    h.record(`contingent-${GAB}`, notified());
    h.record(
      'investigation-national-1',
      opened('national-1', 'national_investigation', '2021-08-01T00:00:00Z'),
    );
    h.record('investigation-national-1', officer('2021-06-18T10:00:00+01:00'));
    h.record('investigation-national-1', reportSubmitted('2021-08-20T00:00:00Z'));
    build();
    const statuses: DeadlineStatus[] = ['open', 'overdue', 'met', 'missed'];
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('2021-05-01T00:00:00Z'),
          max: Date.parse('2022-01-01T00:00:00Z'),
        }),
        fc.integer({ min: 1, max: 60 }),
        (clock, replyWindowDays) => {
          const policy = { ...DEFAULT_DEADLINE_POLICY, replyWindowDays };
          const all = listDeadlines(db, {}, policy, clock).items;
          for (const status of statuses) {
            const filtered = listDeadlines(db, { status }, policy, clock).items;
            expect(filtered.map((d) => d.deadlineId)).toEqual(
              all.filter((d) => d.status === status).map((d) => d.deadlineId),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('pages through every deadline once, those an event started together included', () => {
    h.record(`contingent-${GAB}`, notified());
    h.record(`contingent-${GAB}`, notified(`incident-${SEA_INCIDENT}`, 'n-2'));
    h.record('investigation-boi', opened('boi', 'board_of_inquiry', '2021-09-30T17:00:00Z'));
    build();
    const clock = at('2021-07-01T00:00:00Z');
    const all = listDeadlines(db, {}, DEFAULT_DEADLINE_POLICY, clock).items.map(
      (d) => d.deadlineId,
    );
    expect(all).toHaveLength(7);
    for (const limit of [1, 2, 3]) {
      const paged: string[] = [];
      let after: number | undefined;
      for (;;) {
        const page = listDeadlines(db, { limit, after }, DEFAULT_DEADLINE_POLICY, clock);
        paged.push(...page.items.map((d) => d.deadlineId));
        if (page.next === null) break;
        after = page.next;
      }
      expect(paged).toEqual(all);
    }
  });

  it('builds the same deadlines when run twice over the same events', () => {
    h.record(`contingent-${GAB}`, notified());
    h.record('investigation-national-1', opened());
    h.record('investigation-national-1', officer('2021-06-29T10:00:00+01:00'));
    build();
    const once = list('2021-07-01T00:00:00Z');
    const again = new Database(':memory:');
    project(again, deadlinesProjection, h.events);
    expect(
      listDeadlines(again, {}, DEFAULT_DEADLINE_POLICY, at('2021-07-01T00:00:00Z')).items,
    ).toEqual(once);
    again.close();
  });
});
