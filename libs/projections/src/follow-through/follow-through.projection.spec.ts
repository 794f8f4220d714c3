import Database from 'better-sqlite3';
import type { SqliteDatabase } from '../sqlite/database';
import { accountabilityScenario, ids } from '../testing/accountability-scenario';
import { LedgerHistory, project } from '../testing/ledger-history';
import type { RecommendationStatus } from '../documents/recommendation-record';
import { followThroughProjection } from './follow-through.projection';
import { getFollowThrough } from './follow-through.queries';
import { decisionsAwaitingConsequence } from './follow-through.queries';
import {
  findInvestigationOfFinding,
  findRecommendation,
  getRecommendation,
  listRecommendations,
} from './recommendations.queries';

describe('Follow-through', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  describe('given Malakal and Juba', () => {
    beforeEach(() => project(db, followThroughProjection, accountabilityScenario().events));

    it('lists recommendations by the status the decisions answering them give', () => {
      const byStatus = (status: RecommendationStatus) =>
        listRecommendations(db, { status }).items.map((r) => r.recommendationId);

      expect(byStatus('undecided')).toEqual([ids.retrainIndians]);
      expect(byStatus('decided')).toEqual([ids.repatriateFpu]);
      expect(byStatus('implemented')).toEqual([ids.repatriateCommander]);
      expect(byStatus('lapsed')).toEqual([ids.repatriateIndianCommander]);
      expect(byStatus('reversed')).toEqual([]);
      expect(listRecommendations(db).items).toHaveLength(4);
      expect(
        listRecommendations(db, { contingentId: ids.nepaleseFpu }).items.map((r) => r.action),
      ).toEqual(['repatriate_unit']);
    });

    it('shows what was never decided, never carried out, and decided against a recommendation', () => {
      const summary = getFollowThrough(db);

      expect(summary.recommendationsWithoutDecision).toMatchObject({
        total: 1,
        items: [{ recommendationId: ids.retrainIndians, status: 'undecided' }],
      });
      expect(summary.repatriationsNotImplemented).toMatchObject({
        total: 1,
        items: [{ decisionId: ids.indianCommanderLapsed, status: 'lapsed' }],
      });
      expect(summary.retainedOrDeferredAgainstRecommendation).toMatchObject({
        total: 1,
        items: [
          {
            decisionId: ids.fpuRetained,
            outcome: 'retain',
            recommendation: { action: 'repatriate_unit' },
            reasonForDeviation: 'The FPU was confined to base by a sector order',
          },
        ],
      });
    });

    it('measures the days from incident to first finding to decision', () => {
      const { durations } = getFollowThrough(db);

      expect(durations.total).toBe(3);
      expect(durations.items.map((d) => [d.decisionId, d.incidentId, d.days])).toEqual([
        [
          ids.indianCommanderLapsed,
          ids.malakal,
          { incidentToFinding: 73.96, findingToDecision: 30.15, incidentToDecision: 104.58 },
        ],
        [
          ids.commanderRepatriated,
          ids.juba,
          { incidentToFinding: 81.04, findingToDecision: 40.04, incidentToDecision: 121.75 },
        ],
        [
          ids.fpuRetained,
          ids.juba,
          { incidentToFinding: 81.04, findingToDecision: 41.04, incidentToDecision: 122.75 },
        ],
      ]);
      expect(durations.items[1]).toMatchObject({
        recommendationId: ids.repatriateCommander,
        investigationId: ids.jubaInvestigation,
        incidentOccurredAt: '2016-07-11T15:00:00.000Z',
        firstFindingRecordedAt: '2016-10-01T09:00:00.000Z',
        decidedAt: '2016-11-10T09:00:00.000Z',
      });
      // Finding to decision in recorded time: from the finding to the decision as recorded.
      const { firstFindingRecordedAt, decisionRecordedAt } = durations.items[1];
      const recordedDays =
        (Date.parse(decisionRecordedAt) - Date.parse(firstFindingRecordedAt!)) / 86_400_000;
      expect(recordedDays).toBeCloseTo(40.04, 2);
      expect(durations.medianDays).toEqual({
        incidentToFinding: 81.04,
        findingToDecision: 40.04,
        incidentToDecision: 121.75,
      });
    });

    it('caps each list at the limit but counts them all', () => {
      const { durations } = getFollowThrough(db, { limit: 1 });

      expect(durations.total).toBe(3);
      expect(durations.items).toHaveLength(1);
    });

    it('answers the lookups the API needs', () => {
      expect(findRecommendation(db, ids.repatriateFpu)).toEqual({
        recommendationId: ids.repatriateFpu,
        investigationId: ids.jubaInvestigation,
        action: 'repatriate_unit',
        contingentId: ids.nepaleseFpu,
      });
      expect(findInvestigationOfFinding(db, ids.malakalFinding)).toBe(ids.malakalInquiry);
      expect(findRecommendation(db, 'unknown')).toBeNull();
      expect(findInvestigationOfFinding(db, 'unknown')).toBeNull();
    });
  });

  describe('when a repatriation of a whole unit is implemented', () => {
    const implemented = {
      type: 'RepatriationImplemented' as const,
      data: { decisionId: 'go', implementedAt: '2017-03-01T00:00:00.000Z' },
    };

    it('awaits its consequence, the unit’s withdrawal, until it is recorded', () => {
      const h = new LedgerHistory();
      h.record('investigation-i', recommendation('r', 'repatriate_unit'));
      h.record('decision-go', decided('go', 'r', 'repatriate'));
      h.record('decision-go', implemented);
      project(db, followThroughProjection, h.events);
      expect(decisionsAwaitingConsequence(db)).toEqual(['go']);
      expect(getFollowThrough(db).implementedWithoutConsequence).toMatchObject({
        total: 1,
        items: [{ decisionId: 'go', consequence: { kind: 'unit_withdrawal', recorded: null } }],
      });

      h.record('contingent-unit', {
        type: 'ContingentWithdrawn',
        data: {
          contingentId: 'unit',
          at: '2017-03-01T00:00:00.000Z',
          by: 'united_nations',
          reason: 'Repatriated',
          decisionId: 'go',
        },
      });
      const again = new Database(':memory:');
      project(again, followThroughProjection, h.events);
      expect(decisionsAwaitingConsequence(again)).toEqual([]);
      expect(getFollowThrough(again).implementedWithoutConsequence.total).toBe(0);
      again.close();
    });

    it('awaits nothing of a repatriation of individuals', () => {
      const h = new LedgerHistory();
      h.record('investigation-i', recommendation('r', 'repatriate_individuals'));
      h.record('decision-go', {
        ...decided('go', 'r', 'repatriate'),
        data: { ...decided('go', 'r', 'repatriate').data, scope: 'individuals' as const },
      });
      h.record('decision-go', implemented);
      project(db, followThroughProjection, h.events);
      expect(decisionsAwaitingConsequence(db)).toEqual([]);
    });
  });

  describe('when a decision to defer is followed by one to repatriate, carried out', () => {
    it('takes the status of the latest decision and still shows the deferral', () => {
      const h = new LedgerHistory();
      h.record('investigation-i', recommendation('r', 'repatriate_unit'));
      h.record(
        'decision-defer',
        decided('defer', 'r', 'defer', 'Awaiting the national investigation'),
      );
      h.record('decision-go', decided('go', 'r', 'repatriate'));
      h.record('decision-go', {
        type: 'RepatriationImplemented',
        data: { decisionId: 'go', implementedAt: '2017-03-01T00:00:00.000Z' },
      });
      project(db, followThroughProjection, h.events);

      expect(getRecommendation(db, 'r')).toMatchObject({
        status: 'implemented',
        decisions: [
          { decisionId: 'defer', outcome: 'defer', status: 'decided' },
          { decisionId: 'go', outcome: 'repatriate', status: 'implemented' },
        ],
      });
      expect(getFollowThrough(db).retainedOrDeferredAgainstRecommendation.items).toMatchObject([
        { decisionId: 'defer', reasonForDeviation: 'Awaiting the national investigation' },
      ]);
      expect(getFollowThrough(db).repatriationsNotImplemented.total).toBe(0);
    });
  });

  describe('when the incident is amended to have occurred earlier and the decision is backdated', () => {
    it('counts each interval on one clock: no interval is negative, the amended occurrence counts', () => {
      const h = new LedgerHistory('2016-02-20T06:00:00.000Z');
      h.record(
        'incident-x',
        {
          type: 'IncidentReported',
          data: {
            incidentId: 'x',
            missionCode: 'MINUSCA',
            occurredAt: '2016-02-20T00:00:00.000Z',
            location: { name: 'Bangui' },
            category: 'sexual_exploitation_and_abuse',
            summary: 'Allegation received',
            casualties: {},
            contingentIds: [],
            subjects: [],
          },
        },
        { recordedAt: '2016-02-20T06:00:00.000Z' },
      );
      h.record('incident-x', {
        type: 'IncidentAmended',
        data: {
          incidentId: 'x',
          changes: { occurredAt: '2016-02-10T00:00:00.000Z' },
          reason: 'Dates confirmed',
        },
      });
      h.record('investigation-i', {
        type: 'InvestigationOpened',
        data: {
          investigationId: 'i',
          incidentIds: ['x'],
          kind: 'national_investigation',
          title: 'NIO',
        },
      });
      h.record(
        'investigation-i',
        {
          type: 'FindingRecorded',
          data: {
            investigationId: 'i',
            findingId: 'f',
            statement: 'Substantiated',
            category: 'conduct',
            attributions: [],
            severity: 'critical',
            evidenceIds: [],
            contextFactors: [],
          },
        },
        { recordedAt: '2016-03-01T00:00:00.000Z' },
      );
      h.record('investigation-i', recommendation('r', 'repatriate_individuals'), {
        recordedAt: '2016-03-02T00:00:00.000Z',
      });
      // Stated as taken on 25 February, before the finding was recorded: backdated.
      const backdated = decided('d', 'r', 'repatriate');
      backdated.data.decidedAt = '2016-02-25T00:00:00.000Z';
      h.record('decision-d', backdated, { recordedAt: '2016-03-05T00:00:00.000Z' });
      project(db, followThroughProjection, h.events);

      const { durations } = getFollowThrough(db);
      expect(durations.items[0]).toMatchObject({
        incidentOccurredAt: '2016-02-10T00:00:00.000Z',
        incidentReportedAt: '2016-02-20T06:00:00.000Z',
        firstFindingRecordedAt: '2016-03-01T00:00:00.000Z',
        decidedAt: '2016-02-25T00:00:00.000Z',
        decisionRecordedAt: '2016-03-05T00:00:00.000Z',
        // Recorded: 20 February 06:00 to 1 March (2016, a leap year) is 9.75 days, and 1 to 5
        // March 4; stated: 10 February (as amended) to 25 February, 15.
        days: { incidentToFinding: 9.75, findingToDecision: 4, incidentToDecision: 15 },
      });
      // Counted from the stated decidedAt, finding to decision would have been -5 days.
      expect(durations.medianDays.findingToDecision).toBe(4);
    });
  });
});

function recommendation(
  recommendationId: string,
  action: 'repatriate_unit' | 'repatriate_individuals',
) {
  return {
    type: 'RecommendationIssued' as const,
    data: {
      investigationId: 'i',
      recommendationId,
      action,
      contingentId: 'unit',
      subjectIds: [],
      findingIds: ['f'],
      rationale: 'Systemic abuse',
    },
  };
}

function decided(
  decisionId: string,
  recommendationId: string,
  outcome: 'repatriate' | 'retain' | 'defer',
  reasonForDeviation?: string,
) {
  return {
    type: 'RepatriationDecided' as const,
    data: {
      decisionId,
      recommendation: {
        recommendationId,
        investigationId: 'i',
        action: 'repatriate_unit' as const,
      },
      contingentId: 'unit',
      scope: 'unit' as const,
      outcome,
      authority: 'USG',
      rationale: 'Considered',
      reasonForDeviation,
      subjectIds: [],
      decidedAt: '2016-03-02T00:00:00.000Z',
    },
  };
}
