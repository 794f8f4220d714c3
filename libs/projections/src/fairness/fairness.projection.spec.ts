import Database from 'better-sqlite3';
import { DEFAULT_DEADLINE_POLICY, type LedgerEvent } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { deadlinesProjection } from '../deadlines/deadlines.projection';
import type { SqliteDatabase } from '../sqlite/database';
import { LedgerHistory, project } from '../testing/ledger-history';
import { fairnessProjection } from './fairness.projection';
import {
  fairnessRecordPositions,
  getFairness,
  type CellRef,
  type FairnessAnswer,
  type FairnessContext,
} from './fairness.queries';

// MINUSCA: Mauritania's battalion (the ledger's own record, and Geo-PKO's yearly figures),
// Gabon's (IPI-like monthly reports), Alindao 2018 and what followed.
const MRT = 'mrt-batt';
const GAB = 'gab-batt';
const PERIOD = { mission: 'MINUSCA', from: '2018-01-01', to: '2019-01-01' };
const CONTEXT: FairnessContext = {
  policy: DEFAULT_DEADLINE_POLICY,
  clockMs: Date.parse('2025-01-01T00:00:00Z'),
};

const unit = (contingentId: string, country: string, extra: object = {}): LedgerEvent => ({
  type: 'ContingentRegistered',
  data: {
    contingentId,
    country,
    unitType: 'infantry_battalion',
    designation: `${country} battalion`,
    missionCode: 'MINUSCA',
    ...extra,
  },
});
const report = (
  contingentId: string,
  reportId: string,
  source: string,
  from: string,
  to: string,
  strength: number | null,
  locations?: { name: string; strength: number | null }[],
): LedgerEvent => ({
  type: 'ContingentStrengthReported',
  data: {
    contingentId,
    reportId,
    source,
    from: `${from}T00:00:00Z`,
    to: `${to}T00:00:00Z`,
    strength,
    ...(locations ? { locations } : {}),
  },
});

function alindao(h: LedgerHistory): void {
  h.record('mission-MINUSCA', {
    type: 'MissionRegistered',
    data: { code: 'MINUSCA', name: 'MINUSCA', hostCountry: 'CAF' },
  });
  // The ledger's own record: deployed in mid-2017 at 750, rotated at 650 in 2018.
  h.record(
    `contingent-${MRT}`,
    unit(MRT, 'MRT', { strength: 750, deployedAt: '2017-07-01T00:00:00Z' }),
  );
  h.record(`contingent-${MRT}`, {
    type: 'ContingentRotated',
    data: {
      contingentId: MRT,
      rotationId: 'r-1',
      startedAt: '2018-07-01T00:00:00Z',
      strength: 650,
    },
  });
  // Geo-PKO for 2018 Jan-Mar only (as if IPI covered the rest): a size unknown at one place.
  h.record(
    `contingent-${MRT}`,
    report(MRT, 'geo-2018', 'geo-pko', '2018-01-01', '2018-04-01', 450, [
      { name: 'Alindao', strength: 450 },
      { name: 'Bangassou', strength: null },
    ]),
  );
  h.record(`contingent-${GAB}`, unit(GAB, 'GAB'));
  h.record(
    `contingent-${GAB}`,
    report(GAB, 'ipi-1', 'ipi-contributions', '2017-12-01', '2018-07-01', 40),
  );
  h.record(
    `contingent-${GAB}`,
    report(GAB, 'ipi-2', 'ipi-contributions', '2018-07-01', '2019-02-01', 20),
  );

  h.record('incident-alindao', {
    type: 'IncidentReported',
    data: {
      incidentId: 'alindao',
      missionCode: 'MINUSCA',
      occurredAt: '2018-11-15T10:00:00Z',
      location: { name: 'Alindao' },
      category: 'attack_on_civilians',
      summary: 'Attack on the displacement camp',
      casualties: {},
      contingentIds: [MRT],
      subjects: [],
    },
  });
  h.record('incident-old', {
    type: 'IncidentReported',
    data: {
      incidentId: 'old',
      missionCode: 'MINUSCA',
      occurredAt: '2017-05-01T00:00:00Z',
      location: { name: 'Bangassou' },
      category: 'attack_on_peacekeepers',
      summary: 'Before the period',
      casualties: {},
      contingentIds: [MRT, GAB],
      subjects: [],
    },
  });
  h.record('incident-alindao', {
    type: 'IncidentUnitsLinked',
    data: { incidentId: 'alindao', contingentIds: [GAB] },
  });
  h.record('investigation-spi', {
    type: 'InvestigationOpened',
    data: {
      investigationId: 'spi',
      incidentIds: ['alindao'],
      kind: 'strategic_partnership_review',
      title: 'Alindao',
    },
  });
  const finding = (findingId: string, attributions: object[], extra: object = {}): LedgerEvent =>
    ({
      type: 'FindingRecorded',
      data: {
        investigationId: 'spi',
        findingId,
        statement: findingId,
        category: 'abandonment_of_post',
        severity: 'high',
        attributions,
        evidenceIds: [],
        contextFactors: [],
        ...extra,
      },
    }) as LedgerEvent;
  h.record(
    'investigation-spi',
    finding('f-mrt', [{ level: 'unit', contingentId: MRT }], {
      contextFactors: ['54 peacekeepers guarding a camp of 20,000'],
    }),
  );
  h.record(
    'investigation-spi',
    finding('f-both', [
      { level: 'unit', contingentId: MRT },
      { level: 'unit', contingentId: GAB },
      { level: 'headquarters' },
    ]),
  );
  h.record(
    'investigation-spi',
    finding('f-council', [{ level: 'security_council' }], {
      severity: 'medium',
      category: 'mandate',
    }),
  );
  h.record('investigation-spi', finding('f-gone', [{ level: 'unit', contingentId: GAB }]));
  h.record('investigation-spi', {
    type: 'FindingWithdrawn',
    data: { investigationId: 'spi', findingId: 'f-gone', reason: 'Not borne out' },
  });
  h.record('investigation-spi', {
    type: 'FindingRevised',
    data: {
      investigationId: 'spi',
      findingId: 'f-both',
      changes: { severity: 'critical' },
      reason: 'Deaths',
    },
  });
  h.record('investigation-spi', {
    type: 'UnitNamed',
    data: {
      investigationId: 'spi',
      namingId: 'n-mrt',
      contingentId: MRT,
      findingIds: ['f-mrt'],
      public: true,
    },
  });
  const recommend = (
    recommendationId: string,
    contingentId: string,
    findingIds: string[],
  ): LedgerEvent => ({
    type: 'RecommendationIssued',
    data: {
      investigationId: 'spi',
      recommendationId,
      action: 'repatriate_unit',
      contingentId,
      subjectIds: [],
      findingIds,
      rationale: 'Abandoned its post',
    },
  });
  h.record('investigation-spi', recommend('rec-mrt', MRT, ['f-mrt', 'f-both']), {
    recordedAt: '2019-01-10T00:00:00.000Z',
  });
  h.record('investigation-spi', recommend('rec-gab', GAB, ['f-both']), {
    recordedAt: '2019-01-11T00:00:00.000Z',
  });
  h.record(
    'decision-d-mrt',
    {
      type: 'RepatriationDecided',
      data: {
        decisionId: 'd-mrt',
        recommendation: {
          recommendationId: 'rec-mrt',
          investigationId: 'spi',
          action: 'repatriate_unit',
        },
        contingentId: MRT,
        scope: 'unit',
        outcome: 'repatriate',
        authority: 'USG DPO',
        rationale: 'As recommended',
        subjectIds: [],
        // Backdated: dated before the recommendation it answers was issued, recorded ten days
        // after it. The days to a decision count on the recorded clock: 10, never -5.
        decidedAt: '2019-01-05T00:00:00.000Z',
      },
    },
    { recordedAt: '2019-01-20T00:00:00.000Z' },
  );
  h.record('decision-d-mrt', {
    type: 'RepatriationImplemented',
    data: { decisionId: 'd-mrt', implementedAt: '2019-03-01T00:00:00Z' },
  });
  h.record(`contingent-${GAB}`, {
    type: 'ContingentEvaluated',
    data: {
      contingentId: GAB,
      evaluationId: 'e-gab',
      evaluatedAt: '2018-06-01T00:00:00Z',
      rating: 'meets_standard',
      summary: 'Patrols as tasked',
    },
  });
  h.record(`contingent-${MRT}`, {
    type: 'ContingentCommended',
    data: {
      contingentId: MRT,
      commendationId: 'c-mrt',
      at: '2018-03-01T00:00:00Z',
      citation: 'Held the bridge',
    },
  });
  h.record(`contingent-${MRT}`, {
    type: 'TccNotified',
    data: {
      contingentId: MRT,
      notificationId: 'note-mrt',
      country: 'MRT',
      subjectStreamId: 'incident-alindao',
      notifiedAt: '2018-11-20T00:00:00Z',
      channel: 'note_verbale',
    },
  });
  h.record(`contingent-${MRT}`, {
    type: 'TccResponseRecorded',
    data: {
      contingentId: MRT,
      responseId: 'reply-mrt',
      country: 'MRT',
      regarding: 'note-mrt',
      statement: 'Our troops were overstretched',
      respondedAt: '2018-11-30T00:00:00Z',
    },
  });
}

/** Every check link of an answer, with the count it stands beside. */
function checksOf(answer: unknown): { ref: CellRef; count: number }[] {
  const found: { ref: CellRef; count: number }[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const item = value as Record<string, unknown>;
    if (typeof item.check === 'string' && item.check.startsWith('/fairness/records?')) {
      const params = new URLSearchParams(item.check.split('?')[1]);
      const ref: CellRef = { figure: params.get('figure') as string };
      if (params.has('country')) ref.country = params.get('country') as string;
      if (params.has('key')) ref.key = params.get('key') as string;
      const count = typeof item.count === 'number' ? item.count : -1;
      found.push({ ref, count });
    }
    Object.values(item).forEach(walk);
  };
  walk(answer);
  return found;
}

/** Which events each figure counts. */
const TYPES: Record<string, string[]> = {
  person_years: ['ContingentStrengthReported', 'ContingentRegistered', 'ContingentRotated'],
  incidents: ['IncidentReported'],
  findings: ['FindingRecorded'],
  namings: ['UnitNamed'],
  repatriation_recommendations: ['RecommendationIssued'],
  decisions: ['RepatriationDecided'],
  implemented_repatriations: ['RepatriationImplemented'],
  evaluations: ['ContingentEvaluated'],
  commendations: ['ContingentCommended'],
  shared_findings: ['FindingRecorded'],
  unit_findings: ['FindingRecorded'],
  common_parameters: ['FindingRecorded'],
  notifications: ['TccNotified'],
  unanswered_notifications: ['TccNotified'],
  replies: ['TccResponseRecorded'],
  recommendation_decisions: ['RepatriationDecided'],
  undecided_recommendations: ['RecommendationIssued'],
};

describe('Fairness', () => {
  let db: SqliteDatabase;
  let h: LedgerHistory;
  let answer: FairnessAnswer;
  const row = (country: string) => answer.countries.find((c) => c.country === country);
  const eventAt = (position: number) =>
    h.events.find((e) => Number(e.globalPosition) === position) as RecordedEvent;

  beforeEach(() => {
    db = new Database(':memory:');
    h = new LedgerHistory('2019-01-01T00:00:00.000Z');
    alindao(h);
    project(db, deadlinesProjection, h.events);
    project(db, fairnessProjection, h.events);
    answer = getFairness(db, PERIOD, CONTEXT);
  });
  afterEach(() => db.close());

  describe('person-years', () => {
    it('take the best source for each day, and the ledger’s own record where no data set covers it', () => {
      // Mauritania: Geo-PKO's 450 for January to March 2018 (90 days), then the ledger's own
      // record: 750 for April to June (91 days), 650 from July (184 days).
      const mrt = row('MRT')?.personYears;
      expect(mrt?.bySource).toEqual({
        'geo-pko': round4((450 * 90) / 365.25),
        ledger: round4((750 * 91 + 650 * 184) / 365.25),
      });
      expect(mrt?.total).toBeCloseTo((450 * 90 + 750 * 91 + 650 * 184) / 365.25, 3);
      expect(mrt?.unknownSizeYears).toEqual([2018]);
      expect(mrt?.exposure).toBe('sufficient');
      // Gabon: 40 for January to June (181 days), 20 from July (184 days): 31.9 person-years.
      expect(row('GAB')?.personYears).toMatchObject({
        total: round4((40 * 181 + 20 * 184) / 365.25),
        sources: ['ipi-contributions'],
        unknownSizeYears: [],
        exposure: 'too_small',
      });
    });

    it('count the events whose figures were counted', () => {
      const positions = fairnessRecordPositions(db, PERIOD, CONTEXT, {
        figure: 'person_years',
        country: 'GAB',
      });
      expect(positions.map((p) => eventAt(p).data.reportId)).toEqual(['ipi-1', 'ipi-2']);
    });
  });

  it('counts each country’s incidents, findings by current severity, namings, recommendations, decisions, evaluations and commendations', () => {
    const mrt = row('MRT');
    expect({
      incidents: mrt?.incidentsPresent.count,
      findings: mrt?.findings.count,
      high: mrt?.findings.bySeverity.high.count,
      critical: mrt?.findings.bySeverity.critical.count,
      namings: mrt?.namings.count,
      recommendations: mrt?.repatriationRecommendations.count,
      repatriate: mrt?.decisions.byOutcome.repatriate.count,
      implemented: mrt?.implementedRepatriations.count,
      commendations: mrt?.commendations.count,
    }).toEqual({
      incidents: 1,
      findings: 2,
      high: 1,
      critical: 1,
      namings: 1,
      recommendations: 1,
      repatriate: 1,
      implemented: 1,
      commendations: 1,
    });
    const gab = row('GAB');
    expect({
      incidents: gab?.incidentsPresent.count,
      findings: gab?.findings.count,
      decisions: gab?.decisions.count,
      meets: gab?.evaluations.byRating.meets_standard.count,
    }).toEqual({ incidents: 1, findings: 1, decisions: 0, meets: 1 });
  });

  it('gives each count a rate per 1,000 person-years with its exact interval, and flags small numbers', () => {
    const gab = row('GAB');
    const py = gab?.personYears.total as number;
    expect(gab?.incidentsPresent.rate?.per1000).toBeCloseTo(1000 / py, 3);
    expect(gab?.incidentsPresent.rate?.interval95[0]).toBeCloseTo((0.0253178 / py) * 1000, 3);
    expect(gab?.incidentsPresent.rate?.interval95[1]).toBeCloseTo((5.5716434 / py) * 1000, 3);
    expect(gab?.incidentsPresent.fewEvents).toBe(true);
  });

  it('shares responsibility across levels, a finding at several levels counting at each', () => {
    const shared = answer.sharedResponsibility;
    expect(shared.findings.count).toBe(3);
    expect(shared.byLevel.unit).toMatchObject({ count: 2, of: 3, share: 0.6667 });
    expect(shared.byLevel.headquarters).toMatchObject({ count: 1, share: 0.3333 });
    expect(shared.byLevel.security_council).toMatchObject({ count: 1 });
    expect(shared.byLevel.member_state).toMatchObject({ count: 0, share: 0 });
    expect(shared.unitFindingsWithContextFactors).toMatchObject({ count: 1, of: 2, share: 0.5 });
  });

  it('sets the same facts side by side by country: what was recommended, decided, and how fast', () => {
    const critical = answer.commonParameters.filter((r) => r.severity === 'critical');
    expect(
      critical.map((r) => [
        r.country,
        r.findings.count,
        r.repatriationRecommended.count,
        r.outcomes.repatriated.count,
        r.outcomes.never_decided.count,
        r.medianDaysToDecision,
      ]),
    ).toEqual([
      ['GAB', 1, 1, 0, 1, null],
      ['MRT', 1, 1, 1, 0, expect.any(Number)],
    ]);
  });

  it('measures timeliness by country: replies, deadlines and decisions', () => {
    const mrt = answer.timeliness.find((t) => t.country === 'MRT');
    expect(mrt?.replies).toMatchObject({ count: 1, medianDays: 10 });
    expect(mrt?.deadlines.met.count).toBe(1);
    // Recorded ten days after the recommendation, though dated five days before it.
    expect(mrt?.recommendationToDecision).toMatchObject({ count: 1, medianDays: 10 });
    const gab = answer.timeliness.find((t) => t.country === 'GAB');
    expect(gab?.undecidedRecommendations.count).toBe(1);
  });

  it('gives every figure a query returning exactly the records it counts, of the kind it counts', () => {
    const checks = checksOf(answer);
    expect(new Set(checks.map((c) => c.ref.figure))).toEqual(new Set(Object.keys(TYPES)));
    for (const { ref, count } of checks) {
      const positions = fairnessRecordPositions(db, PERIOD, CONTEXT, ref);
      if (count >= 0) expect({ ref, count: positions.length }).toEqual({ ref, count });
      for (const position of positions) {
        expect({ ref, type: eventAt(position).type }).toEqual({
          ref,
          type: TYPES[ref.figure].includes(eventAt(position).type)
            ? eventAt(position).type
            : 'not counted here',
        });
      }
    }
  });

  it('computes a liaison’s answer from what it may see only', () => {
    const visible = new Set([
      MRT,
      'alindao',
      'old',
      'spi',
      'f-mrt',
      'f-both',
      'n-mrt',
      'rec-mrt',
      'd-mrt',
      'c-mrt',
      'note-mrt',
      'reply-mrt',
    ]);
    const own = getFairness(db, PERIOD, {
      ...CONTEXT,
      country: 'MRT',
      visible: { ids: visible, shows: () => true },
    });
    expect(own.countries.map((c) => c.country)).toEqual(['MRT']);
    expect(own.countries[0]).toEqual(row('MRT'));
    expect(own.sharedResponsibility.findings.count).toBe(2);
    expect(own.timeliness.map((t) => t.country)).toEqual(['MRT']);
  });

  it('answers the same when built twice', () => {
    const again = new Database(':memory:');
    project(again, deadlinesProjection, h.events);
    project(again, fairnessProjection, h.events);
    expect(getFairness(again, PERIOD, CONTEXT)).toEqual(answer);
    again.close();
  });
});

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
