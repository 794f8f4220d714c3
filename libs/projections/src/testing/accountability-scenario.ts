import { LedgerHistory } from './ledger-history';

const investigator = { id: 'investigator-7', role: 'investigator' };
const authority = { id: 'usg-dpo', role: 'decision_authority' };
const liaison = { id: 'liaison-chn', role: 'tcc_liaison' };

/** Ids of the scenario, named after what they stand for. */
export const ids = {
  chineseBattalion: 'chn-batt',
  nepaleseFpu: 'npl-fpu',
  indianBattalion: 'ind-batt',
  rwandanBattalion: 'rwa-batt',
  juba: 'juba-2016',
  malakal: 'malakal-2016',
  jubaInvestigation: 'juba-special',
  malakalInquiry: 'malakal-boi',
  testimony: 'evidence-testimony-1',
  abandonment: 'finding-abandonment',
  fpuConduct: 'finding-fpu-conduct',
  leadership: 'finding-leadership',
  malakalFinding: 'finding-malakal-post',
  repatriateCommander: 'recommendation-commander',
  repatriateFpu: 'recommendation-fpu',
  retrainIndians: 'recommendation-retrain',
  repatriateIndianCommander: 'recommendation-ind-commander',
  commanderRepatriated: 'repatriate-chn-co',
  fpuRetained: 'retain-npl-fpu',
  indianCommanderLapsed: 'repatriate-ind-co',
  notification: 'notification-chn-1',
  reply: 'response-chn-1',
} as const;

/**
 * Malakal (February 2016) and Juba (July 2016) as the ledger would hold them: reports,
 * investigations, findings with their context, namings, recommendations, decisions carried out
 * or not, a notification and its reply, and a commendation. Ids are readable, times explicit.
 */
export function accountabilityScenario(): LedgerHistory {
  const h = new LedgerHistory('2016-01-10T08:00:00.000Z');
  h.record('mission-UNMISS', {
    type: 'MissionRegistered',
    data: { code: 'UNMISS', name: 'United Nations Mission in South Sudan', hostCountry: 'SSD' },
  });
  const register = (
    contingentId: string,
    country: string,
    designation: string,
    unitType: 'infantry_battalion' | 'formed_police_unit',
  ) =>
    h.record(`contingent-${contingentId}`, {
      type: 'ContingentRegistered',
      data: { contingentId, country, unitType, designation, missionCode: 'UNMISS', strength: 700 },
    });
  register(ids.chineseBattalion, 'CHN', 'CHNBATT', 'infantry_battalion');
  register(ids.nepaleseFpu, 'NPL', 'Nepalese FPU', 'formed_police_unit');
  register(ids.indianBattalion, 'IND', 'INDBATT', 'infantry_battalion');
  register(ids.rwandanBattalion, 'RWA', 'RWABATT', 'infantry_battalion');

  h.record(
    `incident-${ids.malakal}`,
    {
      type: 'IncidentReported',
      data: {
        incidentId: ids.malakal,
        missionCode: 'UNMISS',
        occurredAt: '2016-02-17T22:00:00.000Z',
        location: { name: 'Malakal POC site', latitude: 9.53, longitude: 31.66 },
        category: 'attack_on_poc_site',
        summary: 'Armed men entered the protection of civilians site and set shelters on fire',
        casualties: { civiliansKilled: 25 },
        contingentIds: [ids.indianBattalion],
        subjects: [],
      },
    },
    { recordedAt: '2016-02-18T10:00:00.000Z', occurredAt: '2016-02-17T22:00:00.000Z' },
  );
  h.record(`investigation-${ids.malakalInquiry}`, {
    type: 'InvestigationOpened',
    data: {
      investigationId: ids.malakalInquiry,
      incidentIds: [ids.malakal],
      kind: 'board_of_inquiry',
      title: 'Board of Inquiry into the Malakal attack',
    },
  });
  h.record(
    `investigation-${ids.malakalInquiry}`,
    {
      type: 'FindingRecorded',
      data: {
        investigationId: ids.malakalInquiry,
        findingId: ids.malakalFinding,
        statement: 'The battalion did not hold its positions at the perimeter',
        category: 'abandonment_of_post',
        attributions: [{ level: 'unit', contingentId: ids.indianBattalion }],
        severity: 'high',
        evidenceIds: [],
        contextFactors: ['no community liaison assistants'],
      },
    },
    { recordedAt: '2016-05-02T09:00:00.000Z' },
  );
  h.record(`investigation-${ids.malakalInquiry}`, {
    type: 'RecommendationIssued',
    data: {
      investigationId: ids.malakalInquiry,
      recommendationId: ids.retrainIndians,
      action: 'retrain',
      contingentId: ids.indianBattalion,
      subjectIds: [],
      findingIds: [ids.malakalFinding],
      rationale: 'Rules of engagement training before the next rotation',
    },
  });
  h.record(`investigation-${ids.malakalInquiry}`, {
    type: 'RecommendationIssued',
    data: {
      investigationId: ids.malakalInquiry,
      recommendationId: ids.repatriateIndianCommander,
      action: 'repatriate_commander',
      contingentId: ids.indianBattalion,
      subjectIds: ['subject-ind-co'],
      findingIds: [ids.malakalFinding],
      rationale: 'The commander failed to order the defence of the site',
    },
  });
  h.record(
    `decision-${ids.indianCommanderLapsed}`,
    {
      type: 'RepatriationDecided',
      data: {
        decisionId: ids.indianCommanderLapsed,
        recommendation: {
          recommendationId: ids.repatriateIndianCommander,
          investigationId: ids.malakalInquiry,
          action: 'repatriate_commander',
        },
        contingentId: ids.indianBattalion,
        scope: 'commander',
        outcome: 'repatriate',
        authority: 'Under-Secretary-General for Peace Operations',
        rationale: 'As the Board of Inquiry recommends',
        subjectIds: ['subject-ind-co'],
        decidedAt: '2016-06-01T12:00:00.000Z',
      },
    },
    { recordedAt: '2016-06-01T12:30:00.000Z', actor: authority },
  );
  h.record(
    `decision-${ids.indianCommanderLapsed}`,
    {
      type: 'RepatriationLapsed',
      data: {
        decisionId: ids.indianCommanderLapsed,
        reason: 'The commander stayed until the end of his rotation',
      },
    },
    { recordedAt: '2016-09-30T12:00:00.000Z', actor: authority },
  );

  h.record(
    `incident-${ids.juba}`,
    {
      type: 'IncidentReported',
      data: {
        incidentId: ids.juba,
        missionCode: 'UNMISS',
        occurredAt: '2016-07-11T15:00:00.000Z',
        location: { name: 'Terrain compound, Juba' },
        category: 'failure_to_protect',
        summary: 'Soldiers attacked the Terrain compound; calls for help went unanswered',
        casualties: { civiliansKilled: 1 },
        contingentIds: [ids.chineseBattalion],
        subjects: [{ subjectId: 'subject-victim-1', role: 'victim' }],
        personal: { 'subject-victim-1': { name: 'withheld' } },
      },
    },
    { recordedAt: '2016-07-12T08:00:00.000Z', occurredAt: '2016-07-11T15:00:00.000Z' },
  );
  h.record(
    `incident-${ids.juba}`,
    {
      type: 'IncidentUnitsLinked',
      data: { incidentId: ids.juba, contingentIds: [ids.nepaleseFpu, ids.chineseBattalion] },
    },
    { recordedAt: '2016-07-13T08:00:00.000Z' },
  );
  h.record(
    `incident-${ids.juba}`,
    {
      type: 'IncidentAmended',
      data: {
        incidentId: ids.juba,
        changes: { casualties: { civiliansKilled: 1, civiliansInjured: 5 } },
        reason: 'Medical reports received',
      },
    },
    { recordedAt: '2016-07-20T08:00:00.000Z' },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'InvestigationOpened',
      data: {
        investigationId: ids.jubaInvestigation,
        incidentIds: [ids.juba],
        kind: 'independent_special_investigation',
        title: 'Independent special investigation into the violence in Juba',
      },
    },
    { recordedAt: '2016-08-23T09:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'EvidenceLogged',
      data: {
        investigationId: ids.jubaInvestigation,
        evidenceId: ids.testimony,
        kind: 'testimony',
        description: 'Statement of a survivor of the Terrain compound attack',
        sha256: 'a'.repeat(64),
        custodian: 'Special investigation team',
        subjects: [{ subjectId: 'subject-victim-1', role: 'witness' }],
      },
    },
    { recordedAt: '2016-09-01T09:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'FindingRecorded',
      data: {
        investigationId: ids.jubaInvestigation,
        findingId: ids.abandonment,
        statement:
          'Sentries abandoned their positions at the protection of civilians site during the fighting',
        category: 'abandonment_of_post',
        attributions: [{ level: 'unit', contingentId: ids.chineseBattalion }],
        severity: 'high',
        evidenceIds: [ids.testimony],
        contextFactors: ['no unified command among the contingents'],
      },
    },
    { recordedAt: '2016-10-01T09:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'FindingRecorded',
      data: {
        investigationId: ids.jubaInvestigation,
        findingId: ids.fpuConduct,
        statement: 'The FPU did not respond to the calls for help',
        category: 'conduct',
        attributions: [{ level: 'unit', contingentId: ids.nepaleseFpu }],
        severity: 'medium',
        evidenceIds: [ids.testimony],
        contextFactors: [],
      },
    },
    { recordedAt: '2016-10-02T09:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'FindingRecorded',
      data: {
        investigationId: ids.jubaInvestigation,
        findingId: ids.leadership,
        statement: 'Mission leadership failed to coordinate a response',
        category: 'leadership',
        attributions: [{ level: 'mission_leadership' }],
        severity: 'critical',
        evidenceIds: [],
        contextFactors: [],
      },
    },
    { recordedAt: '2016-10-03T09:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'FindingRevised',
      data: {
        investigationId: ids.jubaInvestigation,
        findingId: ids.fpuConduct,
        changes: {
          statement: 'The FPU did not leave its base to answer the calls for help',
          contextFactors: ['FPU confined to base by a sector order'],
        },
        reason: 'Sector order found in the records',
      },
    },
    { recordedAt: '2016-10-10T09:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'FindingWithdrawn',
      data: {
        investigationId: ids.jubaInvestigation,
        findingId: ids.leadership,
        reason: 'Outside the terms of reference',
      },
    },
    { recordedAt: '2016-10-11T09:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'UnitNamed',
      data: {
        investigationId: ids.jubaInvestigation,
        namingId: 'naming-chn',
        contingentId: ids.chineseBattalion,
        findingIds: [ids.abandonment],
        public: true,
      },
    },
    { recordedAt: '2016-11-01T09:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'RecommendationIssued',
      data: {
        investigationId: ids.jubaInvestigation,
        recommendationId: ids.repatriateCommander,
        action: 'repatriate_commander',
        contingentId: ids.chineseBattalion,
        role: 'battalion_commander',
        subjectIds: ['subject-chn-co'],
        findingIds: [ids.abandonment],
        rationale: 'Command failure during the Juba fighting',
      },
    },
    { recordedAt: '2016-11-01T10:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'RecommendationIssued',
      data: {
        investigationId: ids.jubaInvestigation,
        recommendationId: ids.repatriateFpu,
        action: 'repatriate_unit',
        contingentId: ids.nepaleseFpu,
        subjectIds: [],
        findingIds: [ids.fpuConduct],
        rationale: 'The unit failed to protect civilians nearby',
      },
    },
    { recordedAt: '2016-11-01T11:00:00.000Z', actor: investigator },
  );
  h.record(
    `investigation-${ids.jubaInvestigation}`,
    {
      type: 'InvestigationReportSubmitted',
      data: {
        investigationId: ids.jubaInvestigation,
        summary: 'Executive summary published',
        submittedAt: '2016-11-01T12:00:00.000Z',
      },
    },
    { recordedAt: '2016-11-01T12:00:00.000Z', actor: investigator },
  );
  h.record(
    `contingent-${ids.chineseBattalion}`,
    {
      type: 'TccNotified',
      data: {
        contingentId: ids.chineseBattalion,
        notificationId: ids.notification,
        country: 'CHN',
        subjectStreamId: `investigation-${ids.jubaInvestigation}`,
        notifiedAt: '2016-11-02T09:00:00.000Z',
        channel: 'note_verbale',
      },
    },
    { recordedAt: '2016-11-02T09:00:00.000Z', actor: liaison },
  );
  h.record(
    `decision-${ids.commanderRepatriated}`,
    {
      type: 'RepatriationDecided',
      data: {
        decisionId: ids.commanderRepatriated,
        recommendation: {
          recommendationId: ids.repatriateCommander,
          investigationId: ids.jubaInvestigation,
          action: 'repatriate_commander',
        },
        contingentId: ids.chineseBattalion,
        scope: 'commander',
        outcome: 'repatriate',
        authority: 'Under-Secretary-General for Peace Operations',
        rationale: 'As the special investigation recommends',
        subjectIds: ['subject-chn-co'],
        decidedAt: '2016-11-10T09:00:00.000Z',
      },
    },
    { recordedAt: '2016-11-10T10:00:00.000Z', actor: authority },
  );
  h.record(
    `decision-${ids.fpuRetained}`,
    {
      type: 'RepatriationDecided',
      data: {
        decisionId: ids.fpuRetained,
        recommendation: {
          recommendationId: ids.repatriateFpu,
          investigationId: ids.jubaInvestigation,
          action: 'repatriate_unit',
        },
        contingentId: ids.nepaleseFpu,
        scope: 'unit',
        outcome: 'retain',
        authority: 'Under-Secretary-General for Peace Operations',
        rationale: 'The unit is needed at the site',
        reasonForDeviation: 'The FPU was confined to base by a sector order',
        subjectIds: [],
        decidedAt: '2016-11-11T09:00:00.000Z',
      },
    },
    { recordedAt: '2016-11-11T10:00:00.000Z', actor: authority },
  );
  h.record(
    `contingent-${ids.chineseBattalion}`,
    {
      type: 'TccResponseRecorded',
      data: {
        contingentId: ids.chineseBattalion,
        responseId: ids.reply,
        country: 'CHN',
        regarding: ids.notification,
        statement: 'The battalion acted under heavy fire and lost two peacekeepers',
        respondedAt: '2016-11-20T09:00:00.000Z',
      },
    },
    { recordedAt: '2016-11-20T09:00:00.000Z', actor: liaison },
  );
  h.record(
    `decision-${ids.commanderRepatriated}`,
    {
      type: 'RepatriationImplemented',
      data: { decisionId: ids.commanderRepatriated, implementedAt: '2016-12-01T09:00:00.000Z' },
    },
    {
      recordedAt: '2016-12-01T10:00:00.000Z',
      occurredAt: '2016-12-01T09:00:00.000Z',
      actor: authority,
    },
  );
  h.record(
    `contingent-${ids.chineseBattalion}`,
    {
      type: 'ContingentRotated',
      data: {
        contingentId: ids.chineseBattalion,
        rotationId: 'rotation-chn-2',
        startedAt: '2017-01-05T00:00:00.000Z',
        strength: 680,
        commanderSubjectId: 'subject-chn-co-2',
        personal: { 'subject-chn-co-2': { name: 'withheld' } },
      },
    },
    { recordedAt: '2017-01-05T09:00:00.000Z' },
  );
  h.record(
    `contingent-${ids.rwandanBattalion}`,
    {
      type: 'ContingentCommended',
      data: {
        contingentId: ids.rwandanBattalion,
        commendationId: 'commendation-rwa',
        at: '2017-02-01T00:00:00.000Z',
        citation: 'Held the line at the protection of civilians site in Malakal',
      },
    },
    { recordedAt: '2017-02-01T09:00:00.000Z' },
  );
  h.record(
    `contingent-${ids.rwandanBattalion}`,
    {
      type: 'ContingentEvaluated',
      data: {
        contingentId: ids.rwandanBattalion,
        evaluationId: 'evaluation-rwa',
        evaluatedAt: '2017-02-15T00:00:00.000Z',
        rating: 'exceeds_standard',
        summary: 'Force commander evaluation',
      },
    },
    { recordedAt: '2017-02-15T09:00:00.000Z' },
  );
  return h;
}
