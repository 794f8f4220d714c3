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
