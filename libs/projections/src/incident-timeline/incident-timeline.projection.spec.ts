import type { RecordedEvent } from '@blue-ledger/event-store';
import Database from 'better-sqlite3';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import type { SqliteDatabase } from '../sqlite/database';
import { accountabilityScenario, ids } from '../testing/accountability-scenario';
import { LedgerHistory, project } from '../testing/ledger-history';
import { incidentTimelineProjection } from './incident-timeline.projection';
import { getTimeline, type IncidentTimeline } from './incident-timeline.queries';

/** The timeline reads the envelopes from the audit trail. */
const projectTimeline = (db: SqliteDatabase, events: RecordedEvent[]) =>
  [incidentTimelineProjection, auditTrailProjection].forEach((p) => project(db, p, events));

const stepsOf = (timeline: IncidentTimeline) =>
  timeline.entries.map((e) => `${e.position} ${e.type}`);

describe('Incident timeline', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  describe('given Malakal and Juba', () => {
    beforeEach(() => projectTimeline(db, accountabilityScenario().events));

    it('holds the incident and everything linked to it, and nothing else', () => {
      const timeline = getTimeline(db, ids.juba, { order: 'recorded' });

      expect(timeline).toMatchObject({ incidentId: ids.juba, order: 'recorded' });
      expect(stepsOf(timeline)).toEqual([
        '130 IncidentReported',
        '140 IncidentUnitsLinked',
        '150 IncidentAmended',
        '160 InvestigationOpened',
        '170 EvidenceLogged',
        '180 FindingRecorded',
        '190 FindingRecorded',
        '200 FindingRecorded',
        '210 FindingRevised',
        '220 FindingWithdrawn',
        '230 UnitNamed',
        '240 RecommendationIssued',
        '250 RecommendationIssued',
        '260 InvestigationReportSubmitted',
        '270 TccNotified',
        '280 RepatriationDecided',
        '290 RepatriationDecided',
        '300 TccResponseRecorded',
        '310 RepatriationImplemented',
      ]);
      expect(stepsOf(getTimeline(db, ids.malakal, { order: 'recorded' }))).toEqual([
        '60 IncidentReported',
        '70 InvestigationOpened',
        '80 FindingRecorded',
        '90 RecommendationIssued',
        '100 RecommendationIssued',
        '110 RepatriationDecided',
        '120 RepatriationLapsed',
      ]);
    });

    it('tells each entry in one line, with its envelope and the ids involved', () => {
      const finding = getTimeline(db, ids.juba).entries.find((e) => e.position === 180);
      const reply = getTimeline(db, ids.juba).entries.find((e) => e.position === 300);

      expect(finding).toEqual({
        position: 180,
        recordedAt: '2016-10-01T09:00:00.000Z',
        occurredAt: null,
        type: 'FindingRecorded',
        streamId: `investigation-${ids.jubaInvestigation}`,
        actor: { id: 'investigator-7', role: 'investigator' },
        summary:
          'Finding recorded (abandonment_of_post, high): Sentries abandoned their positions at the protection of civilians site during ...',
        ids: {
          investigationId: ids.jubaInvestigation,
          findingId: ids.abandonment,
          evidenceIds: [ids.testimony],
        },
      });
      expect(reply).toMatchObject({
        summary: 'CHN replied: The battalion acted under heavy fire and lost two peacekeepers',
        ids: {
          contingentId: ids.chineseBattalion,
          responseId: ids.reply,
          notificationId: ids.notification,
        },
      });
    });

    it('as known before the investigation opened, holds only the report, the link and the amendment', () => {
      const timeline = getTimeline(db, ids.juba, { upTo: 155 });

      expect(stepsOf(timeline)).toEqual([
        '130 IncidentReported',
        '140 IncidentUnitsLinked',
        '150 IncidentAmended',
      ]);
    });

    it('as known up to the position of a decision, includes it and nothing later', () => {
      const timeline = getTimeline(db, ids.juba, { upTo: 280, order: 'recorded' });

      expect(stepsOf(timeline).slice(-2)).toEqual(['270 TccNotified', '280 RepatriationDecided']);
    });

    it('tells of each correction what it changed, from what to what, and why', () => {
      const entry = (position: number) =>
        getTimeline(db, ids.juba).entries.find((e) => e.position === position);

      expect(entry(150)).toMatchObject({
        type: 'IncidentAmended',
        changes: [
          {
            field: 'casualties',
            from: { civiliansKilled: 1 },
            to: { civiliansKilled: 1, civiliansInjured: 5 },
          },
        ],
        reason: 'Medical reports received',
      });
      expect(entry(140)).toMatchObject({
        changes: [
          {
            field: 'contingentIds',
            from: [ids.chineseBattalion],
            to: [ids.chineseBattalion, ids.nepaleseFpu],
          },
        ],
        reason: null,
      });
      expect(entry(210)).toMatchObject({
        type: 'FindingRevised',
        changes: [
          { field: 'contextFactors', from: [], to: ['FPU confined to base by a sector order'] },
          {
            field: 'statement',
            from: 'The FPU did not respond to the calls for help',
            to: 'The FPU did not leave its base to answer the calls for help',
          },
        ],
        reason: 'Sector order found in the records',
      });
      expect(entry(220)).toMatchObject({
        type: 'FindingWithdrawn',
        changes: [{ field: 'withdrawn', from: false, to: true }],
        reason: 'Outside the terms of reference',
      });
      expect(entry(310)).toMatchObject({
        type: 'RepatriationImplemented',
        changes: [
          { field: 'implementedAt', from: null, to: '2016-12-01T09:00:00.000Z' },
          { field: 'status', from: 'decided', to: 'implemented' },
        ],
        reason: null,
      });
      const malakal = getTimeline(db, ids.malakal).entries;
      expect(malakal.find((e) => e.type === 'RepatriationLapsed')).toMatchObject({
        changes: [{ field: 'status', from: 'decided', to: 'lapsed' }],
        reason: 'The commander stayed until the end of his rotation',
      });
    });

    it('tells nothing of changes on an entry that corrects nothing', () => {
      const reported = getTimeline(db, ids.juba).entries[0];

      expect(reported).not.toHaveProperty('changes');
      expect(reported).not.toHaveProperty('reason');
    });
  });

  describe('ordered by occurred time', () => {
    it('sorts by when it happened, falling back to when it was recorded, ties by position', () => {
      const h = new LedgerHistory();
      h.record('incident-kidal', reported('kidal'), {
        recordedAt: '2016-07-12T00:00:00.000Z',
        occurredAt: '2016-07-11T00:00:00.000Z',
      });
      h.record('investigation-inquiry', opened('inquiry', ['kidal']), {
        recordedAt: '2016-07-13T00:00:00.000Z',
      });
      h.record('investigation-inquiry', evidence('inquiry', 'video'), {
        recordedAt: '2016-07-14T00:00:00.000Z',
        occurredAt: '2016-07-10T00:00:00.000Z',
      });
      h.record('investigation-inquiry', evidence('inquiry', 'photo'), {
        recordedAt: '2016-07-15T00:00:00.000Z',
        occurredAt: '2016-07-11T00:00:00.000Z',
      });
      projectTimeline(db, h.events);

      const occurred = getTimeline(db, 'kidal', { order: 'occurred' });
      const recorded = getTimeline(db, 'kidal', { order: 'recorded' });

      expect(occurred.order).toBe('occurred');
      expect(stepsOf(occurred)).toEqual([
        '30 EvidenceLogged',
        '10 IncidentReported',
        '40 EvidenceLogged',
        '20 InvestigationOpened',
      ]);
      expect(stepsOf(recorded)).toEqual([
        '10 IncidentReported',
        '20 InvestigationOpened',
        '30 EvidenceLogged',
        '40 EvidenceLogged',
      ]);
      expect(getTimeline(db, 'kidal').order).toBe('occurred');
    });

    it('refuses an order it does not know', () => {
      projectTimeline(db, []);
      expect(() => getTimeline(db, 'kidal', { order: 'alphabetical' as 'occurred' })).toThrow(
        RangeError,
      );
    });
  });

  describe('as known up to a position', () => {
    it('holds the events up to it, through the links known by then, whatever their stamps', () => {
      const h = new LedgerHistory();
      h.record('incident-kidal', reported('kidal'), { recordedAt: '2016-07-01T00:00:00.000Z' });
      h.record('investigation-inquiry', opened('inquiry', ['kidal']), {
        recordedAt: '2016-08-23T00:00:00.000Z',
      });
      // Written by a node whose clock was behind: stamped "before" the investigation was opened.
      h.record('contingent-chn-batt', notified('inquiry-notice', 'investigation-inquiry'), {
        recordedAt: '2016-08-20T00:00:00.000Z',
      });
      h.record('contingent-chn-batt', replied('inquiry-notice'), {
        recordedAt: '2016-08-21T00:00:00.000Z',
      });
      projectTimeline(db, h.events);

      expect(stepsOf(getTimeline(db, 'kidal', { upTo: 5 }))).toEqual([]);
      expect(stepsOf(getTimeline(db, 'kidal', { upTo: 10 }))).toEqual(['10 IncidentReported']);
      // In the order of their recorded times, skewed clock and all.
      expect(stepsOf(getTimeline(db, 'kidal', { upTo: 30, order: 'recorded' }))).toEqual([
        '10 IncidentReported',
        '30 TccNotified',
        '20 InvestigationOpened',
      ]);
    });
  });

  describe('given corrections of every other kind', () => {
    it('tells what each changed, from what to what: custody, closing and reopening, a reversal', () => {
      const h = new LedgerHistory();
      h.record('incident-a', reported('a'));
      h.record('investigation-inquiry', opened('inquiry', ['a']));
      h.record('investigation-inquiry', evidence('inquiry', 'video'));
      h.record('investigation-inquiry', {
        type: 'EvidenceCustodyTransferred',
        data: {
          investigationId: 'inquiry',
          evidenceId: 'video',
          fromCustodian: 'Board',
          toCustodian: 'OIOS',
          transferredAt: '2016-07-20T00:00:00.000Z',
          reason: 'Referred to internal oversight',
        },
      });
      h.record('investigation-inquiry', {
        type: 'InvestigationClosed',
        data: { investigationId: 'inquiry', summary: 'Report delivered' },
      });
      h.record('investigation-inquiry', {
        type: 'InvestigationReopened',
        data: { investigationId: 'inquiry', reason: 'New testimony' },
      });
      h.record('incident-a', { type: 'IncidentClosed', data: { incidentId: 'a', reason: 'Done' } });
      h.record('decision-d', decided('d', 'inquiry'));
      h.record('decision-d', {
        type: 'RepatriationReversed',
        data: { decisionId: 'd', reason: 'Appeal upheld' },
      });
      projectTimeline(db, h.events);

      const corrections = getTimeline(db, 'a', { order: 'recorded' })
        .entries.filter((e) => e.changes !== undefined)
        .map((e) => [e.type, e.changes, e.reason]);
      expect(corrections).toEqual([
        [
          'EvidenceCustodyTransferred',
          [{ field: 'custodian', from: 'Board', to: 'OIOS' }],
          'Referred to internal oversight',
        ],
        ['InvestigationClosed', [{ field: 'status', from: 'open', to: 'closed' }], null],
        [
          'InvestigationReopened',
          [{ field: 'status', from: 'closed', to: 'open' }],
          'New testimony',
        ],
        ['IncidentClosed', [{ field: 'status', from: 'open', to: 'closed' }], 'Done'],
        [
          'RepatriationReversed',
          [{ field: 'status', from: 'decided', to: 'reversed' }],
          'Appeal upheld',
        ],
      ]);
    });
  });

  describe('given an investigation into two incidents', () => {
    it('puts its events and the decisions answering it on both timelines', () => {
      const h = new LedgerHistory();
      h.record('incident-a', reported('a'));
      h.record('incident-b', reported('b'));
      h.record('investigation-joint', opened('joint', ['a', 'b', 'a']));
      h.record('decision-d', decided('d', 'joint'));
      h.record('decision-d', {
        type: 'RepatriationReversed',
        data: { decisionId: 'd', reason: 'Appeal' },
      });
      h.record('contingent-chn-batt', notified('about-decision', 'decision-d'));
      h.record('contingent-chn-batt', notified('about-incident', 'incident-b'));
      h.record('contingent-chn-batt', notified('about-nothing', 'mission-UNMISS'));
      projectTimeline(db, h.events);

      expect(stepsOf(getTimeline(db, 'a'))).toEqual([
        '10 IncidentReported',
        '30 InvestigationOpened',
        '40 RepatriationDecided',
        '50 RepatriationReversed',
        '60 TccNotified',
      ]);
      expect(stepsOf(getTimeline(db, 'b'))).toEqual([
        '20 IncidentReported',
        '30 InvestigationOpened',
        '40 RepatriationDecided',
        '50 RepatriationReversed',
        '60 TccNotified',
        '70 TccNotified',
      ]);
    });
  });

  it('is empty for an incident it knows nothing of', () => {
    projectTimeline(db, []);
    expect(getTimeline(db, 'unknown').entries).toEqual([]);
  });
});

function reported(incidentId: string) {
  return {
    type: 'IncidentReported' as const,
    data: {
      incidentId,
      missionCode: 'MINUSMA',
      occurredAt: '2016-07-11T00:00:00.000Z',
      location: { name: 'Kidal' },
      category: 'attack_on_peacekeepers' as const,
      summary: 'Camp shelled',
      casualties: { peacekeepersKilled: 2 },
      contingentIds: [],
      subjects: [],
    },
  };
}

function opened(investigationId: string, incidentIds: string[]) {
  return {
    type: 'InvestigationOpened' as const,
    data: { investigationId, incidentIds, kind: 'board_of_inquiry' as const, title: 'Inquiry' },
  };
}

function evidence(investigationId: string, evidenceId: string) {
  return {
    type: 'EvidenceLogged' as const,
    data: {
      investigationId,
      evidenceId,
      kind: 'video' as const,
      description: evidenceId,
      sha256: 'b'.repeat(64),
      custodian: 'Board',
      subjects: [],
    },
  };
}

function decided(decisionId: string, investigationId: string) {
  return {
    type: 'RepatriationDecided' as const,
    data: {
      decisionId,
      recommendation: {
        recommendationId: 'r',
        investigationId,
        action: 'repatriate_unit' as const,
      },
      contingentId: 'chn-batt',
      scope: 'unit' as const,
      outcome: 'repatriate' as const,
      authority: 'USG',
      rationale: 'As recommended',
      subjectIds: [],
      decidedAt: '2016-09-01T00:00:00.000Z',
    },
  };
}

function notified(notificationId: string, subjectStreamId: string) {
  return {
    type: 'TccNotified' as const,
    data: {
      contingentId: 'chn-batt',
      notificationId,
      country: 'CHN',
      subjectStreamId,
      notifiedAt: '2016-09-02T00:00:00.000Z',
      channel: 'note_verbale' as const,
    },
  };
}

function replied(regarding: string) {
  return {
    type: 'TccResponseRecorded' as const,
    data: {
      contingentId: 'chn-batt',
      responseId: `reply-${regarding}`,
      country: 'CHN',
      regarding,
      statement: 'Noted',
      respondedAt: '2016-09-03T00:00:00.000Z',
    },
  };
}
