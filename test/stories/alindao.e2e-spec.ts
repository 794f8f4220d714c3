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
  let investigator: LedgerClient;

  const OVERSTRETCHED = 'only 54 peacekeepers guarded a camp of more than 20,000';
  const NO_LIAISON = 'no community liaison assistants';
  const NO_CIVILIANS = 'no civilian staff had visited Alindao for four months';
  const UNFAIR =
    'Mauritania believes the blame was attributed unfairly: its troops were severely overstretched and left without civilian support';

  let mauritania = '';

  beforeAll(async () => {
    running = await startApp();
    const admin = running.client.as('admin');
    investigator = running.client.as('investigator');
    reviewer = running.client.as('reviewer');
    await admin.create('/missions', {
      code: 'MINUSCA',
      name: 'United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic',
      hostCountry: 'CAF',
    });
    mauritania = (
      await admin.create('/contingents', {
        country: 'MRT',
        unitType: 'infantry_battalion',
        designation: 'Mauritanian battalion',
        missionCode: 'MINUSCA',
        sector: 'Alindao',
      })
    ).id;
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
      const admin = running.client.as('admin');
      const decider = running.client.as('decider');
      const liaison = running.client.as('liaisonMRT');

      evaluationId = (
        await admin.create(`/contingents/${mauritania}/evaluations`, {
          evaluatedAt: '2018-06-30T00:00:00Z',
          rating: 'meets_standard',
          summary: "Force commander's evaluation of the battalion before the attack",
        })
      ).id;
      incidentId = (
        await investigator.create('/incidents', {
          missionCode: 'MINUSCA',
          occurredAt: '2018-11-15T10:00:00+01:00',
          location: { name: 'Alindao displacement camp' },
          category: 'attack_on_civilians',
          summary: 'Armed attack on the displacement camp; more than 100 civilians killed',
          contingentIds: [mauritania],
        })
      ).id;
      investigationId = (
        await investigator.create('/investigations', {
          incidentIds: [incidentId],
          kind: 'special_investigation',
          title:
            'Special investigation, with the Office for Peacekeeping Strategic Partnership, into the attack on Alindao',
        })
      ).id;
      const finding = (body: object) =>
        investigator.create(`/investigations/${investigationId}/findings`, body).then((r) => r.id);
      const onTheUnit = [{ level: 'unit', contingentId: mauritania }];
      findings.overstretched = await finding({
        statement: 'The Mauritanian troops were severely overstretched',
        category: 'resourcing',
        severity: 'high',
        attributions: [...onTheUnit, { level: 'mission_leadership' }],
        contextFactors: [OVERSTRETCHED, NO_LIAISON, NO_CIVILIANS],
      });
      findings.rulesOfEngagement = await finding({
        statement: 'The Mauritanian troops had a poor understanding of the rules of engagement',
        category: 'rules_of_engagement',
        severity: 'high',
        attributions: onTheUnit,
        contextFactors: [OVERSTRETCHED],
      });
      findings.passivity = await finding({
        statement: 'The Mauritanian troops exhibited passivity during the attack',
        category: 'conduct',
        severity: 'high',
        attributions: onTheUnit,
        contextFactors: [OVERSTRETCHED, NO_LIAISON],
      });
      findings.bias = await finding({
        statement: 'The Mauritanian troops might have harboured bias in favour of the attackers',
        category: 'conduct',
        severity: 'critical',
        attributions: onTheUnit,
      });
      findings.sharedBlame = await finding({
        statement:
          'The civilian, police and military components are all responsible for analysis, preparedness and planning',
        category: 'planning',
        severity: 'medium',
        attributions: [
          { level: 'mission_component', component: 'civilian' },
          { level: 'mission_component', component: 'police' },
          { level: 'mission_component', component: 'military' },
        ],
        contextFactors: [NO_CIVILIANS],
      });
      namingId = (
        await investigator.create(`/investigations/${investigationId}/namings`, {
          contingentId: mauritania,
          findingIds: [findings.rulesOfEngagement, findings.passivity, findings.bias],
          public: true,
        })
      ).id;
      recommendationId = (
        await investigator.create(`/investigations/${investigationId}/recommendations`, {
          action: 'repatriate_unit',
          contingentId: mauritania,
          findingIds: [findings.rulesOfEngagement, findings.passivity, findings.bias],
          rationale: 'The contingent did not protect the civilians of the camp during the attack',
        })
      ).id;
      notificationId = (
        await investigator.create(`/contingents/${mauritania}/notifications`, {
          subjectStreamId: `investigation-${investigationId}`,
          notifiedAt: '2019-01-10T10:00:00Z',
          channel: 'note_verbale',
        })
      ).id;
      await liaison.create(`/contingents/${mauritania}/replies`, {
        statement: UNFAIR,
        regarding: notificationId,
        respondedAt: '2019-01-24T10:00:00Z',
      });
      decisionId = (
        await decider.create('/decisions', {
          recommendationId,
          contingentId: mauritania,
          scope: 'unit',
          outcome: 'repatriate',
          authority: 'Under-Secretary-General for Peace Operations',
          rationale: 'The special investigation found the contingent failed to protect civilians',
          decidedAt: '2019-02-01T00:00:00Z',
        })
      ).id;
      await decider.create(`/decisions/${decisionId}/implementation`, {
        implementedAt: '2019-04-30T00:00:00Z',
        note: 'The Mauritanian contingent left MINUSCA',
      });
      commendationId = (
        await admin.create(`/contingents/${mauritania}/commendations`, {
          at: '2018-09-01T00:00:00Z',
          citation: 'Escort of a humanitarian convoy under fire',
        })
      ).id;
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
      morocco = (
        await running.client.as('admin').create('/contingents', {
          country: 'MAR',
          unitType: 'infantry_battalion',
          designation: 'Moroccan battalion',
          missionCode: 'MINUSCA',
          sector: 'Bangassou',
        })
      ).id;
      incidentId = (
        await investigator.create('/incidents', {
          missionCode: 'MINUSCA',
          occurredAt: '2017-05-13T06:00:00+01:00',
          location: { name: 'Bangassou, south-east of the Central African Republic' },
          category: 'attack_on_civilians',
          summary:
            "Peacekeepers' weak response to the 2017 violence; 115 civilians killed in a single attack",
          casualties: { civiliansKilled: 115 },
          contingentIds: [morocco],
        })
      ).id;
      investigationId = (
        await investigator.create('/investigations', {
          incidentIds: [incidentId],
          kind: 'special_investigation',
          title: "Special investigation into MINUSCA's response to the violence of 2017",
        })
      ).id;
      const finding = (body: object) =>
        investigator.create(`/investigations/${investigationId}/findings`, body).then((r) => r.id);
      findings.planning = await finding({
        statement: 'Poor planning of the response to the attacks',
        category: 'planning',
        severity: 'high',
        attributions: [{ level: 'mission_leadership' }],
      });
      findings.training = await finding({
        statement: 'Inadequate training of the troops deployed',
        category: 'training',
        severity: 'high',
        attributions: [
          { level: 'mission_component', component: 'military' },
          { level: 'headquarters' },
        ],
      });
      await investigator.create(`/investigations/${investigationId}/closure`, {
        summary: 'Planning and training criticised; no underperformers named',
      });
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
