import { afterInstant } from '../support/clock';
import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import type {
  ContingentHistory,
  ContingentView,
  DeadlineList,
  EventPage,
} from '../support/ledger-views';
import { gabonLiaison, storyPrincipalsEnv } from '../support/story-cast';

/**
 * MINUSCA, 2021: allegations of sexual exploitation and abuse against members of the Gabonese
 * battalion. The UN notifies Gabon and asks for a national investigation officer within five
 * working days; Gabon appoints one, late; its national investigation reports within ninety
 * days; the UN repatriates the whole unit (Security Council resolution 2272 (2016)). The dates
 * are this story's, chosen to show the arithmetic: the notification on Wednesday 9 June 2021
 * (Bangui, UTC+1), the officer on Tuesday 29 June.
 */
describe('The Gabonese battalion in MINUSCA (2021)', () => {
  let running: RunningApp;
  let reviewer: LedgerClient;
  let gabon: LedgerClient;
  let unit = '';
  let incidentId = '';
  let notificationId = '';
  let nationalInvestigationId = '';
  let decisionId = '';
  /** Once the national investigation was opened, before its officer's appointment was recorded. */
  let beforeOfficer = '';

  const NOTIFIED_AT = '2021-06-09T15:00:00+01:00';
  const OFFICER_APPOINTED_AT = '2021-06-29T10:00:00+01:00';

  beforeAll(async () => {
    running = await startApp({ LEDGER_PRINCIPALS: storyPrincipalsEnv() });
    const { client } = running;
    const admin = client.as('admin');
    const investigator = client.as('investigator');
    reviewer = client.as('reviewer');
    gabon = client.withToken(gabonLiaison.token);

    await admin.create('/missions', {
      code: 'MINUSCA',
      name: 'United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic',
      hostCountry: 'CAF',
    });
    unit = (
      await admin.create('/contingents', {
        country: 'GAB',
        unitType: 'infantry_battalion',
        designation: 'Gabonese battalion',
        missionCode: 'MINUSCA',
        strength: 450,
        deployedAt: '2019-06-01T00:00:00+01:00',
      })
    ).id;
    incidentId = (
      await investigator.create('/incidents', {
        missionCode: 'MINUSCA',
        occurredAt: '2021-05-20T00:00:00+01:00',
        location: { name: 'Company operating base' },
        category: 'sexual_exploitation_and_abuse',
        summary: 'Allegations of sexual exploitation and abuse against members of the battalion',
        contingentIds: [unit],
      })
    ).id;
    notificationId = (
      await investigator.create(`/contingents/${unit}/notifications`, {
        subjectStreamId: `incident-${incidentId}`,
        notifiedAt: NOTIFIED_AT,
        channel: 'note_verbale',
      })
    ).id;
    await gabon.create(`/contingents/${unit}/replies`, {
      statement: 'Gabon will appoint a national investigation officer',
      regarding: notificationId,
      respondedAt: '2021-06-21T09:00:00+01:00',
    });
    nationalInvestigationId = (
      await investigator.create('/investigations', {
        incidentIds: [incidentId],
        kind: 'national_investigation',
        title: 'National investigation by Gabon',
      })
    ).id;
    beforeOfficer = (
      await reviewer.get<EventPage>(`/streams/investigation-${nationalInvestigationId}`)
    ).body.events.at(-1)!.recordedAt;
    await afterInstant(beforeOfficer);
    await investigator.create(`/investigations/${nationalInvestigationId}/national-investigator`, {
      country: 'GAB',
      appointedAt: OFFICER_APPOINTED_AT,
    });
    await investigator.create(`/investigations/${nationalInvestigationId}/reports`, {
      summary: 'The national investigation substantiated the allegations',
      submittedAt: '2021-08-31T12:00:00+01:00',
    });
    const decider = client.as('decider');
    decisionId = (
      await decider.create('/decisions', {
        contingentId: unit,
        scope: 'unit',
        outcome: 'repatriate',
        authority: 'Secretary-General',
        rationale:
          'Credible reports of widespread or systemic sexual exploitation and abuse (Security Council resolution 2272 (2016))',
        decidedAt: '2021-09-15T12:00:00-04:00',
      })
    ).id;
    await decider.create(`/decisions/${decisionId}/implementation`, {
      implementedAt: '2021-09-20T00:00:00+01:00',
    });
  });

  afterAll(async () => {
    await running?.close();
  });

  const deadlines = async (client: LedgerClient, query: string) => {
    const response = await client.get<DeadlineList>(`/deadlines?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('the national investigation officer', () => {
    it('was due by the end of Wednesday 16 June, five working days after the notification, and came nine working days late', async () => {
      // Notified on Wednesday 9 June. Working days after it: Thu 10, Fri 11, Mon 14, Tue 15,
      // Wed 16: the fifth, so the time allowed ran out at midnight (UTC+1) into Thu 17 June.
      // Appointed on Tuesday 29 June: after Wed 16, the working days up to it are Thu 17,
      // Fri 18, Mon 21 to Fri 25 (5), Mon 28 and Tue 29: 9 working days; 13 calendar days.
      const missedByHand = { workingDaysLate: 2 + 5 + 2, daysLate: 29 - 16 };
      const { items } = await deadlines(reviewer, 'kind=national_investigator_appointment');
      expect(items).toEqual([
        {
          deadlineId: `national_investigator_appointment:${notificationId}`,
          kind: 'national_investigator_appointment',
          streamId: `contingent-${unit}`,
          contingentId: unit,
          country: 'GAB',
          missionCode: 'MINUSCA',
          notificationId,
          investigationId: nationalInvestigationId,
          incidentIds: [incidentId],
          startedAt: NOTIFIED_AT,
          dueAt: '2021-06-17T00:00:00+01:00',
          metAt: OFFICER_APPOINTED_AT,
          status: 'missed',
          ...missedByHand,
        },
      ]);
      expect(missedByHand).toEqual({ workingDaysLate: 9, daysLate: 13 });
    });

    it('is the one deadline missed; the investigation’s ninety days and the reply were met', async () => {
      expect((await deadlines(reviewer, 'status=missed')).items.map((d) => d.kind)).toEqual([
        'national_investigator_appointment',
      ]);
      const met = await deadlines(reviewer, 'status=met&country=GAB&mission=MINUSCA');
      expect(met.items.map((d) => [d.kind, d.dueAt, d.metAt])).toEqual([
        [
          'national_investigation_conclusion',
          '2021-09-08T00:00:00+01:00',
          '2021-08-31T12:00:00+01:00',
        ],
        ['tcc_reply', '2021-07-10T00:00:00+01:00', '2021-06-21T09:00:00+01:00'],
      ]);
      expect((await deadlines(reviewer, 'status=overdue')).items).toEqual([]);
      expect((await deadlines(reviewer, 'status=open')).items).toEqual([]);
    });

    it('says how deadlines are counted, by which rules and on whose authority', async () => {
      const answer = await deadlines(reviewer, 'limit=2');
      expect(answer.workingDays).toMatch(/Monday to Friday; public holidays are not counted/);
      expect(answer.definitions.map((d) => [d.kind, d.allowed, d.basis])).toEqual([
        ['national_investigator_appointment', '5 working days', 'secretariat_practice'],
        ['national_investigation_conclusion', '90 days', 'secretariat_practice'],
        ['investigation_due_date', "until the investigation's dueBy", 'terms_of_reference'],
        ['tcc_reply', '30 days', 'ledger_policy'],
        ['recommendation_decision', '90 days', 'ledger_policy'],
      ]);
      expect(answer.definitions[0].source).toMatch(/2272/);
      expect(answer.items).toHaveLength(2);
      const rest = await deadlines(reviewer, `after=${answer.next}`);
      expect([...answer.items, ...rest.items].map((d) => d.kind)).toEqual([
        'national_investigator_appointment',
        'national_investigation_conclusion',
        'tcc_reply',
      ]);
      expect(rest.next).toBeNull();
    });
  });

  describe('as the ledger knew it before the officer’s appointment was recorded', () => {
    const asOf = () => `asOf=${encodeURIComponent(beforeOfficer)}`;

    it('has the officer’s deadline overdue at that instant, the investigation not concluded, and the reply met', async () => {
      const answer = await deadlines(reviewer, asOf());
      expect(answer.asOf).toBe(new Date(beforeOfficer).toISOString());
      expect(answer.clock).toBe(answer.asOf);
      expect(answer.items.map((d) => [d.kind, d.status, d.metAt ?? null])).toEqual([
        ['national_investigator_appointment', 'overdue', null],
        ['national_investigation_conclusion', 'overdue', null],
        ['tcc_reply', 'met', '2021-06-21T09:00:00+01:00'],
      ]);
      expect((await deadlines(reviewer, `status=missed&${asOf()}`)).items).toEqual([]);
      expect((await deadlines(gabon, asOf())).items).toHaveLength(3);
      expect((await deadlines(running.client.as('liaisonETH'), asOf())).items).toEqual([]);
    });

    it('has the battalion deployed at its strength, and its history with the same deadlines', async () => {
      const unitThen = await reviewer.get<ContingentView>(`/contingents/${unit}?${asOf()}`);
      expect(unitThen.body.presence).toEqual({
        status: 'deployed',
        since: '2019-06-01T00:00:00+01:00',
      });
      expect(unitThen.body.strengthOverTime).toEqual([
        {
          from: '2019-05-31T23:00:00.000Z',
          to: null,
          strength: 450,
          missionCode: 'MINUSCA',
          status: 'deployed',
        },
      ]);
      const history = (
        await reviewer.get<ContingentHistory>(`/contingents/${unit}/history?${asOf()}`)
      ).body;
      expect(history.withdrawals).toEqual([]);
      expect(history.decisions).toEqual([]);
      expect(history.deadlines.map((d) => [d.kind, d.status])).toEqual([
        ['national_investigator_appointment', 'overdue'],
        ['national_investigation_conclusion', 'overdue'],
        ['tcc_reply', 'met'],
      ]);
    });
  });

  describe('the battalion', () => {
    it('is repatriated by the decision carried out: gone since, by the UN, and why', async () => {
      const response = await reviewer.get<ContingentView>(`/contingents/${unit}`);
      expect(response.body.presence).toEqual({
        status: 'repatriated',
        since: '2021-09-20T00:00:00+01:00',
        by: 'united_nations',
        reason:
          'Repatriated by decision of the Secretary-General: Credible reports of widespread or systemic sexual exploitation and abuse (Security Council resolution 2272 (2016))',
        decisionId,
      });
      expect(response.body.strengthOverTime).toEqual([
        {
          from: '2019-05-31T23:00:00.000Z',
          to: '2021-09-19T23:00:00.000Z',
          strength: 450,
          missionCode: 'MINUSCA',
          status: 'deployed',
        },
        {
          from: '2021-09-19T23:00:00.000Z',
          to: null,
          strength: 0,
          missionCode: 'MINUSCA',
          status: 'repatriated',
        },
      ]);
    });

    it('keeps its whole history, each deadline with its outcome', async () => {
      const response = await reviewer.get<ContingentHistory>(`/contingents/${unit}/history`);
      const history = response.body;
      expect(history.incidents.map((i) => i.incidentId)).toEqual([incidentId]);
      expect(history.withdrawals).toEqual([
        expect.objectContaining({ by: 'united_nations', decisionId }),
      ]);
      expect(history.decisions).toEqual([
        expect.objectContaining({ decisionId, status: 'implemented' }),
      ]);
      expect(history.deadlines.map((d) => [d.kind, d.status, d.workingDaysLate ?? null])).toEqual([
        ['national_investigator_appointment', 'missed', 9],
        ['national_investigation_conclusion', 'met', null],
        ['tcc_reply', 'met', null],
      ]);
    });

    it("shows Gabon's liaison its deadlines, and another country's liaison none of them", async () => {
      expect((await deadlines(gabon, '')).items).toHaveLength(3);
      expect((await deadlines(running.client.as('liaisonETH'), '')).items).toEqual([]);
      expect((await deadlines(running.client.as('liaisonETH'), 'country=GAB')).items).toEqual([]);
    });

    it('leaves no implemented decision without its consequence', async () => {
      const followThrough = await reviewer.get('/follow-through');
      expect(followThrough.body.implementedWithoutConsequence).toEqual({ total: 0, items: [] });
    });
  });
});
