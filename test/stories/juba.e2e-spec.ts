import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import { refusedWithoutChange } from '../support/ledger-head';
import type {
  ContingentHistory,
  ContingentView,
  EventEnvelope,
  EventPage,
  LeaderHistoryView,
  MissionView,
  Timeline,
} from '../support/ledger-views';
import { expectProblem } from '../support/problem-assertions';
import { kenyaLiaison, storyPrincipalsEnv } from '../support/story-cast';
import {
  KENYA_REPLY,
  KENYA_WITHDRAWS,
  RELIEF_KEY,
  recordJuba,
  type JubaRecord,
} from './recordings/juba';

/**
 * UNMISS, July 2016: fighting in Juba. The independent special investigation singled out the
 * Chinese battalion for abandoning posts along the POC site's perimeter and the Nepalese formed
 * police unit for failing to uphold order within it; the Kenyan force commander was relieved,
 * and Kenya, answering that he had taken the fall for a system-wide failure, withdrew its
 * 1,000-strong contingent in protest, and came back in January 2017. The story is recorded in
 * recordings/juba.ts.
 */
describe('The Juba story (UNMISS, July 2016)', () => {
  let running: RunningApp;
  let reviewer: LedgerClient;
  let kenya: LedgerClient;

  let units: JubaRecord['units'];
  let incidentId: string;
  let investigation: JubaRecord['investigation'];
  let namings: JubaRecord['namings'];
  let notificationId: string;
  let replyId: string;
  let relief: JubaRecord['relief'];
  /** Once the recommendation to relieve him was recorded, before any decision on it. */
  let beforeDecision: string;
  /** Once Kenya's withdrawal was recorded, before its return. */
  let whileWithdrawn: string;

  beforeAll(async () => {
    running = await startApp({ LEDGER_PRINCIPALS: storyPrincipalsEnv() });
    reviewer = running.client.as('reviewer');
    kenya = running.client.withToken(kenyaLiaison.token);
    ({
      units,
      incidentId,
      investigation,
      namings,
      notificationId,
      replyId,
      relief,
      beforeDecision,
      whileWithdrawn,
    } = await recordJuba(running.client));
  });

  afterAll(async () => {
    await running?.close();
  });

  const history = async (client: LedgerClient, contingentId: string) => {
    const response = await client.get<ContingentHistory>(`/contingents/${contingentId}/history`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const audit = async (query: string): Promise<EventEnvelope[]> => {
    const response = await reviewer.get<EventPage>(`/audit?limit=1000&${query}`);
    expect(response.status).toBe(200);
    return response.body.events;
  };

  describe('the naming of units', () => {
    it('names the Chinese battalion and the Nepalese formed police unit, each on its own finding', async () => {
      const named = await audit('type=UnitNamed');
      expect(named.map((e) => e.data)).toEqual([
        expect.objectContaining({
          investigationId: investigation.id,
          contingentId: units.china,
          findingIds: [investigation.chineseBattalion],
          public: true,
        }),
        expect.objectContaining({
          investigationId: investigation.id,
          contingentId: units.nepal,
          findingIds: [investigation.nepaleseUnit],
          public: true,
        }),
      ]);
    });

    it("shows each naming in the unit's history, next to the finding it rests on", async () => {
      const china = await history(reviewer, units.china);
      expect(china.namings).toEqual([
        expect.objectContaining({
          namingId: namings.china,
          findingIds: [investigation.chineseBattalion],
        }),
      ]);
      expect(china.findings).toEqual([
        expect.objectContaining({
          findingId: investigation.chineseBattalion,
          category: 'abandonment_of_post',
        }),
      ]);
      const nepal = await history(reviewer, units.nepal);
      expect(nepal.namings).toEqual([
        expect.objectContaining({
          namingId: namings.nepal,
          findingIds: [investigation.nepaleseUnit],
        }),
      ]);
      expect(nepal.contingent).toMatchObject({ country: 'NPL' });
    });
  });

  describe('the force commander', () => {
    it('holds a finding attributed to the role, naming his appointment, which is not a finding against the Kenyan unit', async () => {
      const [recorded] = await audit(
        `stream=investigation-${investigation.id}&type=FindingRecorded`,
      ).then((events) => events.filter((e) => e.data.findingId === investigation.forceCommander));
      expect(recorded.data.attributions).toEqual(
        expect.arrayContaining([
          { level: 'role', role: 'force_commander', appointmentId: relief.appointmentId },
        ]),
      );
      const kenyanUnit = await history(reviewer, units.kenya);
      expect(kenyanUnit.findings).toEqual([]);
      expect(kenyanUnit.namings).toEqual([]);
    });

    it("shows in the mission's leadership, appointed in May and relieved by the decision in November", async () => {
      const mission = await reviewer.get<MissionView>('/missions/UNMISS');
      expect(mission.status).toBe(200);
      expect(mission.body.leadership).toEqual([
        {
          appointmentId: relief.appointmentId,
          role: 'force_commander',
          subjectId: 'subject-force-commander-ken',
          nationality: 'KEN',
          appointedAt: '2016-05-26T00:00:00+03:00',
          departure: {
            at: '2016-11-02T00:00:00+03:00',
            reason: 'relieved',
            decisionId: relief.decisionId,
          },
        },
      ]);
    });

    it('has an accountability history: the finding, the recommendation to relieve him, the decision carried out, and its deadline met', async () => {
      const response = await reviewer.get<LeaderHistoryView>(
        `/missions/UNMISS/leaders/${relief.appointmentId}/history`,
      );
      expect(response.status).toBe(200);
      const leader = response.body;
      expect(leader.appointment).toMatchObject({
        role: 'force_commander',
        nationality: 'KEN',
        departure: { reason: 'relieved', decisionId: relief.decisionId },
      });
      expect(leader.findings).toEqual([
        expect.objectContaining({
          findingId: investigation.forceCommander,
          category: 'leadership',
          basis: 'names_the_appointment',
          attributedNow: true,
        }),
      ]);
      expect(leader.recommendations).toEqual([
        expect.objectContaining({
          recommendationId: relief.recommendationId,
          action: 'relieve_leader',
          status: 'implemented',
        }),
      ]);
      expect(leader.decisions).toEqual([
        expect.objectContaining({
          decisionId: relief.decisionId,
          scope: 'leader',
          outcome: 'relieve',
          authority: 'Secretary-General',
          status: 'implemented',
          implementedAt: '2016-11-02T00:00:00+03:00',
          consequence: { kind: 'leader_departure', recorded: expect.anything() },
        }),
      ]);
      expect(leader.deadlines).toEqual([
        expect.objectContaining({
          kind: 'recommendation_decision',
          recommendationId: relief.recommendationId,
          country: 'KEN',
          metAt: '2016-11-01T10:00:00-04:00',
          status: 'met',
        }),
      ]);
    });

    it('is relieved once: his departure names the decision, and a retried implementation appends nothing', async () => {
      const retried = await running.client.as('decider').post(
        `/decisions/${relief.decisionId}/implementation`,
        {
          implementedAt: '2016-11-02T00:00:00+03:00',
          note: 'Replaced by an acting force commander',
        },
        { 'Idempotency-Key': RELIEF_KEY },
      );
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      const again = await refusedWithoutChange(running.client, () =>
        running.client.as('decider').post(`/decisions/${relief.decisionId}/implementation`, {
          implementedAt: '2016-11-03T00:00:00+03:00',
        }),
      );
      expectProblem(again, { status: 422, code: 'decision_final' });
      const departures = await audit('type=LeaderDeparted');
      expect(departures.map((e) => [e.streamId, e.data])).toEqual([
        [
          'mission-UNMISS',
          {
            missionCode: 'UNMISS',
            appointmentId: relief.appointmentId,
            at: '2016-11-02T00:00:00+03:00',
            reason: 'relieved',
            decisionId: relief.decisionId,
          },
        ],
      ]);
      expect(departures[0].actor).toEqual({ id: 'usg-dpo', role: 'decision_authority' });
      expect(departures[0].globalPosition).toBeGreaterThan(relief.implemented);
    });

    it("puts his relief on the incident's timeline, after the decision it carries out", async () => {
      const response = await reviewer.get<Timeline>(
        `/incidents/${incidentId}/timeline?order=recorded`,
      );
      const types = response.body.entries.map((entry) => entry.type);
      expect(types.indexOf('LeaderDeparted')).toBeGreaterThan(
        types.indexOf('RepatriationImplemented'),
      );
      expect(types.indexOf('RepatriationImplemented')).toBeGreaterThan(
        types.indexOf('RecommendationIssued'),
      );
    });

    it("shows Kenya's liaison its national's history, and another country's liaison nothing of it", async () => {
      const path = `/missions/UNMISS/leaders/${relief.appointmentId}/history`;
      expect((await kenya.get(path)).status).toBe(200);
      expectProblem(await running.client.as('liaisonETH').get(path), { status: 404 });
      const mission = await running.client.as('liaisonETH').get<MissionView>('/missions/UNMISS');
      expect(mission.body.leadership).toEqual([]);
    });
  });

  describe('the force commander as the ledger knew him before the decision', () => {
    const asOf = () => `asOf=${encodeURIComponent(beforeDecision)}`;

    it("shows him in post in the mission's leadership", async () => {
      const mission = await reviewer.get<MissionView>(`/missions/UNMISS?${asOf()}`);
      expect(mission.status).toBe(200);
      expect(mission.body.asOf).toBe(new Date(beforeDecision).toISOString());
      expect(mission.body.leadership).toEqual([
        expect.objectContaining({ appointmentId: relief.appointmentId, departure: null }),
      ]);
    });

    it('has the finding and the recommendation undecided in his history, no decision, and the decision deadline open at that instant', async () => {
      const response = await reviewer.get<LeaderHistoryView>(
        `/missions/UNMISS/leaders/${relief.appointmentId}/history?${asOf()}`,
      );
      expect(response.status).toBe(200);
      const leader = response.body;
      expect(leader.asOf).toBe(new Date(beforeDecision).toISOString());
      expect(leader.appointment.departure).toBeNull();
      expect(leader.findings.map((f) => f.findingId)).toEqual([investigation.forceCommander]);
      expect(leader.recommendations).toEqual([
        expect.objectContaining({ recommendationId: relief.recommendationId, status: 'undecided' }),
      ]);
      expect(leader.decisions).toEqual([]);
      expect(leader.deadlines).toEqual([
        expect.objectContaining({ kind: 'recommendation_decision', status: 'open' }),
      ]);
      expect(leader.deadlines[0]).not.toHaveProperty('metAt');
    });

    it('was not recorded at all before his appointment', async () => {
      const first = (await reviewer.get<EventPage>('/audit?limit=1')).body.events[0].recordedAt;
      const before = new Date(Date.parse(first) - 1).toISOString();
      const response = await reviewer.get(
        `/missions/UNMISS/leaders/${relief.appointmentId}/history?asOf=${encodeURIComponent(before)}`,
      );
      expectProblem(response, { status: 404, code: 'appointment_not_found' });
      expect(response.body).toMatchObject({ asOf: before, asOfPosition: null });
    });
  });

  describe("Kenya's withdrawal in protest, and its return", () => {
    it('says where the Kenyan battalion is, and counts it at zero while it was gone', async () => {
      const response = await reviewer.get<ContingentView>(`/contingents/${units.kenya}`);
      expect(response.status).toBe(200);
      expect(response.body.presence).toEqual({
        status: 'deployed',
        since: '2017-01-29T00:00:00+03:00',
      });
      expect(response.body.strengthOverTime).toEqual([
        {
          from: '2016-01-14T21:00:00.000Z',
          to: '2016-11-08T21:00:00.000Z',
          strength: 1000,
          missionCode: 'UNMISS',
          status: 'deployed',
        },
        {
          from: '2016-11-08T21:00:00.000Z',
          to: '2017-01-28T21:00:00.000Z',
          strength: 0,
          missionCode: 'UNMISS',
          status: 'withdrawn',
        },
        {
          from: '2017-01-28T21:00:00.000Z',
          to: null,
          strength: 1000,
          missionCode: 'UNMISS',
          status: 'deployed',
        },
      ]);
    });

    it('says, as of an instant while it was gone, that it was withdrawn and counted at zero since', async () => {
      const response = await reviewer.get<ContingentView>(
        `/contingents/${units.kenya}?asOf=${encodeURIComponent(whileWithdrawn)}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.presence).toMatchObject({
        status: 'withdrawn',
        since: '2016-11-09T00:00:00+03:00',
        by: 'contributing_country',
        reason: KENYA_WITHDRAWS,
      });
      expect(response.body.strengthOverTime).toEqual([
        expect.objectContaining({ strength: 1000, status: 'deployed' }),
        {
          from: '2016-11-08T21:00:00.000Z',
          to: null,
          strength: 0,
          missionCode: 'UNMISS',
          status: 'withdrawn',
        },
      ]);
      const then = await reviewer.get<ContingentHistory>(
        `/contingents/${units.kenya}/history?asOf=${encodeURIComponent(whileWithdrawn)}`,
      );
      expect(then.body.withdrawals).toHaveLength(1);
      expect(then.body.returns).toEqual([]);
    });

    it("keeps the withdrawal, who made it and why, and the return in the unit's history, with everything else", async () => {
      const kenyanUnit = await history(reviewer, units.kenya);
      expect(kenyanUnit.withdrawals).toEqual([
        expect.objectContaining({
          at: '2016-11-09T00:00:00+03:00',
          by: 'contributing_country',
          reason: KENYA_WITHDRAWS,
        }),
      ]);
      expect(kenyanUnit.returns).toEqual([
        expect.objectContaining({ at: '2017-01-29T00:00:00+03:00' }),
      ]);
      expect(kenyanUnit.notifications).toHaveLength(1);
      expect(kenyanUnit.deadlines).toEqual([
        expect.objectContaining({ kind: 'tcc_reply', status: 'met', country: 'KEN' }),
      ]);
    });

    it('refuses a rotation dated while the battalion was gone, and records nothing', async () => {
      const refused = await refusedWithoutChange(running.client, () =>
        running.client.as('admin').post(`/contingents/${units.kenya}/rotations`, {
          startedAt: '2016-12-15T00:00:00+03:00',
          strength: 1000,
        }),
      );
      expectProblem(refused, { status: 422, code: 'contingent_not_deployed', field: 'startedAt' });
    });
  });

  describe("Kenya's notification and reply", () => {
    it('keeps the reply in the record, given by the liaison of Kenya, under the notification it answers', async () => {
      const kenyanUnit = await history(reviewer, units.kenya);
      expect(kenyanUnit.notifications).toEqual([
        expect.objectContaining({
          notificationId,
          country: 'KEN',
          subjectStreamId: `investigation-${investigation.id}`,
          channel: 'permanent_mission_meeting',
          responses: [
            expect.objectContaining({
              responseId: replyId,
              statement: KENYA_REPLY,
              country: 'KEN',
            }),
          ],
        }),
      ]);
      const [reply] = await audit('type=TccResponseRecorded');
      expect(reply.actor).toEqual({ id: 'pm-ken', role: 'tcc_liaison' });
    });

    it("puts the notification and the reply on the incident's timeline", async () => {
      const response = await reviewer.get<Timeline>(
        `/incidents/${incidentId}/timeline?order=recorded`,
      );
      const types = response.body.entries.map((entry) => entry.type);
      expect(types).toEqual(
        expect.arrayContaining(['UnitNamed', 'TccNotified', 'TccResponseRecorded']),
      );
      expect(types.indexOf('TccResponseRecorded')).toBeGreaterThan(types.indexOf('TccNotified'));
    });

    it('lets the liaison of Kenya read the history of its own unit, and not that of the Chinese battalion', async () => {
      await history(kenya, units.kenya);
      // Another country's unit is answered exactly as an unknown one would be.
      expectProblem(await kenya.get(`/contingents/${units.china}/history`), {
        status: 404,
        code: 'not_found',
      });
    });

    it('refuses a reply for Kenya from the liaison of another country, and records nothing', async () => {
      const ethiopia = running.client.as('liaisonETH');
      const refused = await refusedWithoutChange(running.client, () =>
        ethiopia.post(`/contingents/${units.kenya}/replies`, {
          statement: 'Kenya accepts the findings',
          regarding: notificationId,
        }),
      );
      expectProblem(refused, { status: 404, code: 'not_found' });
      expect((await history(reviewer, units.kenya)).notifications[0].responses).toHaveLength(1);
    });

    it("refuses a reply from Kenya's liaison about a unit of another country", async () => {
      const refused = await refusedWithoutChange(running.client, () =>
        kenya.post(`/contingents/${units.china}/replies`, {
          statement: 'The Chinese battalion held its posts',
          regarding: notificationId,
        }),
      );
      expectProblem(refused, { status: 404, code: 'not_found' });
    });
  });
});
