import type { RecordedEvent } from '@blue-ledger/event-store';
import Database from 'better-sqlite3';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import { contingentsProjection } from '../contingents/contingents.projection';
import { followThroughProjection } from '../follow-through/follow-through.projection';
import { incidentsProjection } from '../incidents/incidents.projection';
import type { SqliteDatabase } from '../sqlite/database';
import { accountabilityScenario, ids } from '../testing/accountability-scenario';
import { LedgerHistory, project } from '../testing/ledger-history';
import { contingentHistoryProjection } from './contingent-history.projection';
import { getContingentHistory } from './contingent-history.queries';

/** The history reads its own read model, the audit trail's envelopes, and three others' facts. */
const projectHistory = (db: SqliteDatabase, events: RecordedEvent[]) =>
  [
    contingentHistoryProjection,
    auditTrailProjection,
    contingentsProjection,
    incidentsProjection,
    followThroughProjection,
  ].forEach((projection) => project(db, projection, events));

describe('Contingent accountability history', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  describe('given Malakal and Juba', () => {
    beforeEach(() => projectHistory(db, accountabilityScenario().events));

    it('tells the Chinese battalion its deployment, rotation, incident, finding and naming', () => {
      const history = getContingentHistory(db, ids.chineseBattalion);

      expect(history.contingent).toMatchObject({ country: 'CHN', missionCode: 'UNMISS' });
      expect(history.deployments).toEqual([
        {
          missionCode: 'UNMISS',
          since: '2016-01-10T08:01:00.000Z',
          via: 'registration',
          fromOperation: null,
          fromMissionCode: null,
        },
      ]);
      expect(history.rotations).toEqual([
        {
          rotationId: 'rotation-chn-2',
          startedAt: '2017-01-05T00:00:00.000Z',
          strength: 680,
          commanderSubjectId: 'subject-chn-co-2',
          position: 320,
          recordedAt: '2017-01-05T09:00:00.000Z',
        },
      ]);
      expect(history.incidents).toEqual([
        {
          incidentId: ids.juba,
          linked: { position: 130, recordedAt: '2016-07-12T08:00:00.000Z' },
          incident: {
            missionCode: 'UNMISS',
            category: 'failure_to_protect',
            occurredAt: '2016-07-11T15:00:00.000Z',
            summary: 'Soldiers attacked the Terrain compound; calls for help went unanswered',
            status: 'open',
          },
        },
      ]);
      expect(history.findings.map((f) => [f.findingId, f.attributedNow, f.withdrawn])).toEqual([
        [ids.abandonment, true, null],
      ]);
      expect(history.findings[0].contextFactors).toEqual([
        'no unified command among the contingents',
      ]);
      expect(history.namings).toEqual([
        {
          namingId: 'naming-chn',
          investigationId: ids.jubaInvestigation,
          findingIds: [ids.abandonment],
          public: true,
          position: 230,
          recordedAt: '2016-11-01T09:00:00.000Z',
        },
      ]);
    });

    it('tells it the recommendation, the decision carried out, the notification and the reply', () => {
      const history = getContingentHistory(db, ids.chineseBattalion);

      expect(history.recommendations).toMatchObject([
        {
          recommendationId: ids.repatriateCommander,
          action: 'repatriate_commander',
          role: 'battalion_commander',
          status: 'implemented',
          decisions: [
            { decisionId: ids.commanderRepatriated, outcome: 'repatriate', status: 'implemented' },
          ],
        },
      ]);
      expect(history.decisions).toMatchObject([
        {
          decisionId: ids.commanderRepatriated,
          outcome: 'repatriate',
          status: 'implemented',
          implementedAt: '2016-12-01T09:00:00.000Z',
          statusRecorded: { position: 310 },
        },
      ]);
      expect(history.notifications).toEqual([
        {
          notificationId: ids.notification,
          country: 'CHN',
          subjectStreamId: `investigation-${ids.jubaInvestigation}`,
          notifiedAt: '2016-11-02T09:00:00.000Z',
          channel: 'note_verbale',
          position: 270,
          recordedAt: '2016-11-02T09:00:00.000Z',
          responses: [
            {
              responseId: ids.reply,
              country: 'CHN',
              regarding: ids.notification,
              statement: 'The battalion acted under heavy fire and lost two peacekeepers',
              respondedAt: '2016-11-20T09:00:00.000Z',
              position: 300,
              recordedAt: '2016-11-20T09:00:00.000Z',
            },
          ],
        },
      ]);
      expect(history.otherResponses).toEqual([]);
    });

    it('gives the Nepalese FPU its revised finding with its context, and the decision to retain it', () => {
      const history = getContingentHistory(db, ids.nepaleseFpu);

      expect(history.incidents.map((i) => [i.incidentId, i.linked.position])).toEqual([
        [ids.juba, 140],
      ]);
      expect(history.findings).toEqual([
        {
          findingId: ids.fpuConduct,
          investigationId: ids.jubaInvestigation,
          statement: 'The FPU did not leave its base to answer the calls for help',
          category: 'conduct',
          severity: 'medium',
          attributions: [{ level: 'unit', contingentId: ids.nepaleseFpu }],
          evidenceIds: [ids.testimony],
          contextFactors: ['FPU confined to base by a sector order'],
          recorded: { position: 190, recordedAt: '2016-10-02T09:00:00.000Z' },
          revisions: [
            {
              position: 210,
              recordedAt: '2016-10-10T09:00:00.000Z',
              fields: ['contextFactors', 'statement'],
              reason: 'Sector order found in the records',
            },
          ],
          withdrawn: null,
          attributedNow: true,
        },
      ]);
      expect(history.decisions).toMatchObject([
        {
          outcome: 'retain',
          status: 'decided',
          reasonForDeviation: 'The FPU was confined to base by a sector order',
        },
      ]);
      expect(history.recommendations.map((r) => r.status)).toEqual(['decided']);
    });

    it('keeps the Indian commander decided on but never repatriated', () => {
      const history = getContingentHistory(db, ids.indianBattalion);

      expect(history.decisions).toMatchObject([
        { status: 'lapsed', statusNote: 'The commander stayed until the end of his rotation' },
      ]);
      expect(history.recommendations.map((r) => [r.action, r.status])).toEqual([
        ['retrain', 'undecided'],
        ['repatriate_commander', 'lapsed'],
      ]);
    });

    it('records good performance too: the Rwandan commendation and evaluation', () => {
      const history = getContingentHistory(db, ids.rwandanBattalion);

      expect(history.commendations).toMatchObject([{ commendationId: 'commendation-rwa' }]);
      expect(history.evaluations).toMatchObject([{ rating: 'exceeds_standard' }]);
      expect(history.findings).toEqual([]);
    });
  });

  describe('as known up to a position', () => {
    beforeEach(() => projectHistory(db, accountabilityScenario().events));
    const chinese = (upTo?: number) => getContingentHistory(db, ids.chineseBattalion, { upTo });

    it('tells the recommendation undecided before the decision, decided after it, implemented now', () => {
      expect(chinese(275).decisions).toEqual([]);
      expect(chinese(275).recommendations.map((r) => r.status)).toEqual(['undecided']);
      expect(chinese(305).decisions.map((d) => d.status)).toEqual(['decided']);
      expect(chinese(305).recommendations.map((r) => r.status)).toEqual(['decided']);
      expect(chinese().decisions.map((d) => d.status)).toEqual(['implemented']);
    });

    it('holds the notification without its reply before the reply was recorded', () => {
      expect(chinese(295).notifications.map((n) => n.responses)).toEqual([[]]);
      expect(chinese(305).notifications.map((n) => n.responses.length)).toEqual([1]);
    });

    it('holds nothing but the unit before anything happened to it, and nothing before it was registered', () => {
      const registered = chinese().contingent?.registered.position as number;
      expect(chinese(registered)).toMatchObject({
        contingent: { contingentId: ids.chineseBattalion },
        incidents: [],
        findings: [],
        rotations: [],
        next: null,
      });
      expect(chinese(registered - 1)).toMatchObject({ contingent: null, deployments: [] });
    });

    it('tells the Nepalese finding as recorded before its revision', () => {
      const fpu = getContingentHistory(db, ids.nepaleseFpu, { upTo: 200 });
      expect(fpu.findings.map((f) => [f.statement, f.revisions.length])).toEqual([
        ['The FPU did not respond to the calls for help', 0],
      ]);
    });
  });

  describe('one page at a time', () => {
    const unit = 'busy-unit';
    beforeEach(() => {
      const h = new LedgerHistory();
      h.record(`contingent-${unit}`, registered(unit));
      for (let n = 0; n < 6; n++) {
        h.record(`contingent-${unit}`, rotated(unit, `rotation-${n}`));
        h.record(`contingent-${unit}`, notified(unit, `notice-${n}`));
      }
      for (let n = 0; n < 6; n++) h.record(`contingent-${unit}`, replied(unit, `notice-${n}`));
      h.record(`incident-a`, reported('a', [unit, unit]));
      h.record(`contingent-${unit}`, replied(unit, 'notice-of-another-unit'));
      projectHistory(db, h.events);
    });

    const allPages = (limit: number, upTo?: number) => {
      const pages = [];
      let after: number | undefined;
      for (;;) {
        const page = getContingentHistory(db, unit, { limit, after, upTo });
        pages.push(page);
        if (page.next === null) return pages;
        after = page.next;
      }
    };
    const parts = (pages: ReturnType<typeof allPages>) => ({
      rotations: pages.flatMap((p) => p.rotations),
      notifications: pages.flatMap((p) => p.notifications),
      otherResponses: pages.flatMap((p) => p.otherResponses),
      incidents: pages.flatMap((p) => p.incidents),
    });

    it('splits the facts into pages of at most `limit`, which together are the whole history', () => {
      const whole = getContingentHistory(db, unit, { limit: 1000 });
      const pages = allPages(4);

      expect(pages).toHaveLength(5);
      expect(whole.next).toBeNull();
      expect(parts(pages)).toEqual(parts([whole]));
      expect(whole.rotations).toHaveLength(6);
      expect(whole.incidents.map((i) => i.incidentId)).toEqual(['a']);
      expect(whole.otherResponses.map((r) => r.regarding)).toEqual(['notice-of-another-unit']);
    });

    it('shows each reply with its notification, even when the reply came pages later', () => {
      const [first] = allPages(4);
      expect(first.notifications.map((n) => [n.notificationId, n.responses.length])).toEqual([
        ['notice-0', 1],
        ['notice-1', 1],
      ]);
    });

    it('keeps its cursor as of a position, whatever was recorded after', () => {
      const asOf = parts(allPages(3, 130));
      expect(asOf).toEqual(parts([getContingentHistory(db, unit, { limit: 1000, upTo: 130 })]));
      expect(asOf.rotations).toHaveLength(6);
      expect(asOf.notifications.map((n) => n.responses)).toEqual([[], [], [], [], [], []]);
    });
  });

  describe('when a finding is revised onto another unit, and another is withdrawn', () => {
    it('keeps both in the history of the first unit, flagged, and gives the second its finding', () => {
      const h = new LedgerHistory();
      h.record('investigation-i', finding('moved', 'first-unit'));
      h.record('investigation-i', finding('dropped', 'first-unit'));
      h.record('investigation-i', {
        type: 'FindingRevised',
        data: {
          investigationId: 'i',
          findingId: 'moved',
          changes: { attributions: [{ level: 'unit', contingentId: 'second-unit' }] },
          reason: 'Wrong unit',
        },
      });
      h.record('investigation-i', {
        type: 'FindingWithdrawn',
        data: { investigationId: 'i', findingId: 'dropped', reason: 'No evidence' },
      });
      projectHistory(db, h.events);

      const first = getContingentHistory(db, 'first-unit');
      const second = getContingentHistory(db, 'second-unit');

      expect(first.contingent).toBeNull();
      expect(
        first.findings.map((f) => [f.findingId, f.attributedNow, f.withdrawn?.reason]),
      ).toEqual([
        ['moved', false, undefined],
        ['dropped', true, 'No evidence'],
      ]);
      expect(second.findings.map((f) => [f.findingId, f.attributedNow])).toEqual([['moved', true]]);
    });
  });

  describe('when the unit is repatriated by a decision, and comes back later', () => {
    it('keeps everything, and each departure and return with when, by whom and why', () => {
      const h = new LedgerHistory('2017-01-01T00:00:00.000Z');
      h.record('contingent-gab', {
        type: 'ContingentRegistered',
        data: {
          contingentId: 'gab',
          country: 'GAB',
          unitType: 'infantry_battalion',
          designation: 'GABBATT',
          missionCode: 'MINUSCA',
          strength: 450,
        },
      });
      h.record('investigation-i', finding('f-1', 'gab'));
      h.record('contingent-gab', {
        type: 'ContingentWithdrawn',
        data: {
          contingentId: 'gab',
          at: '2021-09-15T00:00:00Z',
          by: 'united_nations',
          reason: 'Repatriated for systemic sexual exploitation and abuse',
          decisionId: 'decision-1',
        },
      });
      h.record('contingent-gab', {
        type: 'ContingentReturned',
        data: { contingentId: 'gab', at: '2023-01-10T00:00:00Z' },
      });
      projectHistory(db, h.events);
      const history = getContingentHistory(db, 'gab');
      expect(history.withdrawals).toEqual([
        expect.objectContaining({
          at: '2021-09-15T00:00:00Z',
          by: 'united_nations',
          decisionId: 'decision-1',
          reason: 'Repatriated for systemic sexual exploitation and abuse',
        }),
      ]);
      expect(history.returns).toEqual([expect.objectContaining({ at: '2023-01-10T00:00:00Z' })]);
      expect(history.findings.map((f) => f.findingId)).toEqual(['f-1']);
      expect(history.contingent?.presence).toEqual({
        status: 'deployed',
        since: '2023-01-10T00:00:00Z',
      });
    });
  });

  it('is empty for a contingent it knows nothing of', () => {
    projectHistory(db, []);
    expect(getContingentHistory(db, 'unknown')).toMatchObject({
      contingent: null,
      deployments: [],
      findings: [],
      decisions: [],
      notifications: [],
    });
  });
});

function finding(findingId: string, contingentId: string) {
  return {
    type: 'FindingRecorded' as const,
    data: {
      investigationId: 'i',
      findingId,
      statement: 'Did not patrol',
      category: 'conduct' as const,
      attributions: [{ level: 'unit' as const, contingentId }],
      severity: 'low' as const,
      evidenceIds: [],
      contextFactors: ['one vehicle for the whole sector'],
    },
  };
}

function registered(contingentId: string) {
  return {
    type: 'ContingentRegistered' as const,
    data: {
      contingentId,
      country: 'NPL',
      unitType: 'formed_police_unit' as const,
      designation: 'FPU',
      missionCode: 'UNMISS',
    },
  };
}

function rotated(contingentId: string, rotationId: string) {
  return {
    type: 'ContingentRotated' as const,
    data: { contingentId, rotationId, startedAt: '2016-01-01T00:00:00.000Z' },
  };
}

function notified(contingentId: string, notificationId: string) {
  return {
    type: 'TccNotified' as const,
    data: {
      contingentId,
      notificationId,
      country: 'NPL',
      subjectStreamId: 'incident-a',
      notifiedAt: '2016-02-01T00:00:00.000Z',
      channel: 'note_verbale' as const,
    },
  };
}

function replied(contingentId: string, regarding: string) {
  return {
    type: 'TccResponseRecorded' as const,
    data: {
      contingentId,
      responseId: `reply-to-${regarding}`,
      country: 'NPL',
      regarding,
      statement: 'Noted',
      respondedAt: '2016-03-01T00:00:00.000Z',
    },
  };
}

function reported(incidentId: string, contingentIds: string[]) {
  return {
    type: 'IncidentReported' as const,
    data: {
      incidentId,
      missionCode: 'UNMISS',
      occurredAt: '2016-02-17T22:00:00.000Z',
      location: { name: 'Malakal' },
      category: 'attack_on_poc_site' as const,
      summary: 'Attack',
      casualties: {},
      contingentIds,
      subjects: [],
    },
  };
}
