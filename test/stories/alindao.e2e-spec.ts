import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import type {
  ContingentHistory,
  EventEnvelope,
  EventPage,
  Page,
  RecommendationView,
  Timeline,
} from '../support/ledger-views';
import {
  NO_CIVILIANS,
  NO_LIAISON,
  OVERSTRETCHED,
  recordAlindao,
  recordBangassou,
  recordMinusca,
  UNFAIR,
} from './recordings/alindao';

/**
 * MINUSCA, Central African Republic. In 2018 the attack on the Alindao displacement camp killed
 * more than 100 civilians; an investigation involving the Office for Peacekeeping Strategic
 * Partnership led to the repatriation of the Mauritanian contingent, though some member states
 * believed the blame was attributed unfairly: 54 peacekeepers guarded a camp of more than 20,000.
 * Earlier, a special investigation into the response to the 2017 violence criticised planning
 * and training but named no one.
 */
describe('The Central African Republic stories (MINUSCA)', () => {
  let running: RunningApp;
  let reviewer: LedgerClient;

  let mauritania = '';

  beforeAll(async () => {
    running = await startApp();
    reviewer = running.client.as('reviewer');
    mauritania = await recordMinusca(running.client);
  });

  afterAll(async () => {
    await running?.close();
  });

  const history = async (
    client: LedgerClient,
    contingentId: string,
  ): Promise<ContingentHistory> => {
    const response = await client.get<ContingentHistory>(`/contingents/${contingentId}/history`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const audit = async (query: string): Promise<EventEnvelope[]> => {
    const response = await reviewer.get<EventPage>(`/audit?limit=1000&${query}`);
    expect(response.status).toBe(200);
    return response.body.events;
  };

  describe('Alindao, November 2018', () => {
    let incidentId = '';
    let investigationId = '';
    const findings = {
      overstretched: '',
      rulesOfEngagement: '',
      passivity: '',
      bias: '',
      sharedBlame: '',
    };
    let namingId = '';
    let recommendationId = '';
    let decisionId = '';
    let notificationId = '';
    let evaluationId = '';
    let commendationId = '';

    beforeAll(async () => {
      const story = await recordAlindao(running.client, mauritania);
      incidentId = story.incidentId;
      investigationId = story.investigationId;
      Object.assign(findings, story.findings);
      namingId = story.namingId;
      recommendationId = story.recommendationId;
      decisionId = story.decisionId;
      notificationId = story.notificationId;
      evaluationId = story.evaluationId;
      commendationId = story.commendationId;
    });

    it("judges the unit's performance against its resources: the findings carry their context factors", async () => {
      const { findings: attributed } = await history(reviewer, mauritania);
      expect(attributed.map((f) => f.findingId)).toEqual([
        findings.overstretched,
        findings.rulesOfEngagement,
        findings.passivity,
        findings.bias,
      ]);
      expect(attributed[0].contextFactors).toEqual([OVERSTRETCHED, NO_LIAISON, NO_CIVILIANS]);
      expect(attributed[1]).toMatchObject({
        category: 'rules_of_engagement',
        contextFactors: [OVERSTRETCHED],
      });
      expect(attributed[2]).toMatchObject({
        category: 'conduct',
        contextFactors: [OVERSTRETCHED, NO_LIAISON],
      });
      expect(attributed[3]).toMatchObject({ category: 'conduct', severity: 'critical' });
    });

    it('does not put the blame shared by the mission components on the unit', async () => {
      const { findings: attributed } = await history(reviewer, mauritania);
      expect(attributed.map((f) => f.findingId)).not.toContain(findings.sharedBlame);
      const [shared] = (
        await audit(`stream=investigation-${investigationId}&type=FindingRecorded`)
      ).filter((e) => e.data.findingId === findings.sharedBlame);
      expect(shared.data.contextFactors).toEqual([NO_CIVILIANS]);
    });

    it('shows the naming, the repatriation decided and carried out, the notification and the reply', async () => {
      const mrt = await history(reviewer, mauritania);
      expect(mrt.incidents.map((i) => i.incidentId)).toEqual([incidentId]);
      expect(mrt.namings).toEqual([
        expect.objectContaining({
          namingId,
          investigationId,
          findingIds: [findings.rulesOfEngagement, findings.passivity, findings.bias],
          public: true,
        }),
      ]);
      expect(mrt.recommendations).toEqual([
        expect.objectContaining({
          recommendationId,
          action: 'repatriate_unit',
          status: 'implemented',
        }),
      ]);
      expect(mrt.decisions).toEqual([
        expect.objectContaining({
          decisionId,
          scope: 'unit',
          outcome: 'repatriate',
          status: 'implemented',
          reasonForDeviation: null,
        }),
      ]);
      expect(Date.parse(mrt.decisions[0].implementedAt!)).toBe(Date.parse('2019-04-30T00:00:00Z'));
      expect(mrt.notifications).toEqual([
        expect.objectContaining({
          notificationId,
          country: 'MRT',
          channel: 'note_verbale',
          responses: [expect.objectContaining({ statement: UNFAIR, country: 'MRT' })],
        }),
      ]);
    });

    it('records good performance too: the evaluation and the commendation are in the history', async () => {
      const mrt = await history(reviewer, mauritania);
      expect(mrt.evaluations).toEqual([
        expect.objectContaining({ evaluationId, rating: 'meets_standard' }),
      ]);
      expect(mrt.commendations).toEqual([
        expect.objectContaining({
          commendationId,
          citation: 'Escort of a humanitarian convoy under fire',
        }),
      ]);
    });

    it("lets Mauritania's liaison read the whole history of its own unit, reply included", async () => {
      const asMauritania = await history(running.client.as('liaisonMRT'), mauritania);
      const asReviewer = await history(reviewer, mauritania);
      expect(asMauritania.notifications[0].responses[0].statement).toBe(UNFAIR);
      expect(asMauritania.findings.map((f) => f.findingId)).toEqual(
        asReviewer.findings.map((f) => f.findingId),
      );
    });

    it("tells it all on the incident's timeline", async () => {
      const response = await reviewer.get<Timeline>(
        `/incidents/${incidentId}/timeline?order=recorded`,
      );
      expect(response.status).toBe(200);
      const types = response.body.entries.map((entry) => entry.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'IncidentReported',
          'InvestigationOpened',
          'FindingRecorded',
          'UnitNamed',
          'RecommendationIssued',
          'TccNotified',
          'TccResponseRecorded',
          'RepatriationDecided',
          'RepatriationImplemented',
        ]),
      );
      expect(types).not.toContain('ContingentEvaluated');
    });
  });

  describe('the violence of 2017', () => {
    let incidentId = '';
    let investigationId = '';
    const findings = { planning: '', training: '' };
    let morocco = '';

    beforeAll(async () => {
      const story = await recordBangassou(running.client);
      incidentId = story.incidentId;
      investigationId = story.investigationId;
      Object.assign(findings, story.findings);
      morocco = story.morocco;
    });

    it('criticises planning and training', async () => {
      const recorded = await audit(`stream=investigation-${investigationId}&type=FindingRecorded`);
      expect(recorded.map((e) => e.data.category)).toEqual(['planning', 'training']);
      const response = await reviewer.get<Timeline>(`/incidents/${incidentId}/timeline`);
      expect(response.body.entries.filter((e) => e.type === 'FindingRecorded')).toHaveLength(2);
    });

    it('names no unit and attributes nothing to a unit, though a unit was present', async () => {
      expect(await audit(`stream=investigation-${investigationId}&type=UnitNamed`)).toEqual([]);
      const recorded = await audit(`stream=investigation-${investigationId}&type=FindingRecorded`);
      const levels = recorded.flatMap((e) =>
        (e.data.attributions as { level: string }[]).map((a) => a.level),
      );
      expect(levels).not.toContain('unit');
      const present = await history(reviewer, morocco);
      expect(present.incidents.map((i) => i.incidentId)).toEqual([incidentId]);
      expect(present.findings).toEqual([]);
      expect(present.namings).toEqual([]);
    });

    it('has no recommendation to decide on', async () => {
      const response = await reviewer.get<Page<RecommendationView>>('/recommendations?limit=1000');
      expect(response.status).toBe(200);
      expect(response.body.items.some((r) => r.investigationId === investigationId)).toBe(false);
    });
  });
});
