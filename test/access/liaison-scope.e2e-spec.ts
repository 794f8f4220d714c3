import { PERMISSIONS, PUBLIC } from '../../apps/api/src/access/permissions';
import { afterInstant } from '../support/clock';
import { startApp, type RunningApp } from '../support/in-process-app';
import { appRoutes } from './app-routes';
import {
  CATCH_ALL_ROUTE,
  PAGE_ROUTE,
  DOCUMENTATION_ROUTE,
  pathOf,
  type AccessFixtures,
} from './route-requests';

const RWANDAN_DESIGNATION = 'Rwandan battalion RWABATT-7';

describe("A liaison's view of the ledger", () => {
  let running: RunningApp;
  const eth = {} as AccessFixtures;
  const rwa = {} as AccessFixtures;
  let sharedIncident: string;
  /** Once the Rwandan unit was named, before any recommendation or decision. */
  let midway: string;
  const NEXT_CENTURY = '2116-01-01T00:00:00Z';
  let rwandanLeaderFinding: string;
  let rwandanLeaderRecommendation: string;

  beforeAll(async () => {
    running = await startApp();
    const admin = running.client.as('admin');
    const investigator = running.client.as('investigator');
    const decider = running.client.as('decider');
    await admin.create('/missions', { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' });
    const unit = (country: string, designation: string) =>
      admin
        .create('/contingents', {
          country,
          unitType: 'infantry_battalion',
          designation,
          missionCode: 'UNMISS',
        })
        .then((r) => r.id);
    eth.contingentId = await unit('ETH', 'Ethiopian battalion');
    rwa.contingentId = await unit('RWA', RWANDAN_DESIGNATION);
    const leader = (role: string, nationality: string) =>
      admin
        .create('/missions/UNMISS/leaders', {
          role,
          subjectId: `subject-${role}`,
          nationality,
          appointedAt: '2015-07-01T00:00:00Z',
        })
        .then((r) => r.id);
    eth.appointmentId = await leader('force_commander', 'ETH');
    rwa.appointmentId = await leader('srsg', 'RWA');
    await admin.create(`/contingents/${rwa.contingentId}/evaluations`, {
      evaluatedAt: '2016-01-01T00:00:00Z',
      rating: 'below_standard',
      summary: 'Evaluation of the unit',
    });
    const incident = (contingentIds: string[], summary: string) =>
      investigator
        .create('/incidents', {
          missionCode: 'UNMISS',
          occurredAt: '2016-02-17T22:00:00Z',
          location: { name: 'Malakal POC site' },
          category: 'attack_on_poc_site',
          summary,
          contingentIds,
        })
        .then((r) => r.id);
    sharedIncident = await incident([eth.contingentId, rwa.contingentId], 'Attack on the POC site');
    eth.incidentId = sharedIncident;
    rwa.incidentId = await incident([rwa.contingentId], 'Another incident');
    const investigationId = (
      await investigator.create('/investigations', {
        incidentIds: [sharedIncident, rwa.incidentId],
        kind: 'board_of_inquiry',
        title: 'Board of Inquiry',
      })
    ).id;
    eth.investigationId = rwa.investigationId = investigationId;
    const finding = (contingentIds: string[], statement: string) =>
      investigator
        .create(`/investigations/${investigationId}/findings`, {
          statement,
          category: 'abandonment_of_post',
          severity: 'high',
          attributions: contingentIds.map((contingentId) => ({ level: 'unit', contingentId })),
        })
        .then((r) => r.id);
    eth.findingId = await finding([eth.contingentId, rwa.contingentId], 'Both units left posts');
    rwa.findingId = await finding([rwa.contingentId], 'The unit did not engage');
    rwandanLeaderFinding = (
      await investigator.create(`/investigations/${investigationId}/findings`, {
        statement: 'The head of mission did not act on the early warnings',
        category: 'leadership',
        severity: 'high',
        attributions: [{ level: 'role', role: 'srsg', appointmentId: rwa.appointmentId }],
      })
    ).id;
    rwandanLeaderRecommendation = (
      await investigator.create(`/investigations/${investigationId}/recommendations`, {
        action: 'relieve_leader',
        appointmentId: rwa.appointmentId,
        findingIds: [rwandanLeaderFinding],
        rationale: 'Relieve the head of mission',
      })
    ).id;
    eth.evidenceId = rwa.evidenceId = (
      await investigator.create(`/investigations/${investigationId}/evidence`, {
        kind: 'document',
        description: 'Log',
        sha256: 'c'.repeat(64),
        custodian: 'BOI',
      })
    ).id;
    await investigator.create(`/investigations/${investigationId}/namings`, {
      contingentId: rwa.contingentId,
      findingIds: [rwa.findingId],
      public: false,
    });
    const named = await running.client
      .as('reviewer')
      .get(`/streams/investigation-${investigationId}?limit=1000`);
    midway = named.body.events.at(-1).recordedAt;
    await afterInstant(midway);
    rwa.recommendationId = (
      await investigator.create(`/investigations/${investigationId}/recommendations`, {
        action: 'repatriate_unit',
        contingentId: rwa.contingentId,
        findingIds: [rwa.findingId],
        rationale: 'Repatriate the unit',
      })
    ).id;
    rwa.decisionId = (
      await decider.create('/decisions', {
        contingentId: rwa.contingentId,
        scope: 'unit',
        outcome: 'repatriate',
        authority: 'USG DPO',
        rationale: 'As recommended',
        recommendationId: rwa.recommendationId,
      })
    ).id;
    eth.decisionId = (
      await decider.create('/decisions', {
        contingentId: eth.contingentId,
        scope: 'unit',
        outcome: 'retain',
        authority: 'USG DPO',
        rationale: 'No recommendation',
      })
    ).id;
    await investigator.create(`/contingents/${rwa.contingentId}/notifications`, {
      subjectStreamId: `investigation-${investigationId}`,
      notifiedAt: '2016-06-01T00:00:00Z',
      channel: 'note_verbale',
    });
    await investigator.create(`/contingents/${eth.contingentId}/notifications`, {
      subjectStreamId: `incident-${sharedIncident}`,
      notifiedAt: '2016-06-02T00:00:00Z',
      channel: 'note_verbale',
    });
    for (const f of [eth, rwa]) Object.assign(f, { managedPrincipalId: 'x', subjectId: 'x' });
  });

  afterAll(async () => {
    await running?.close();
  });

  const readPaths = () => {
    const routes = appRoutes(running.app).filter(
      (r) =>
        r.startsWith('GET ') &&
        !DOCUMENTATION_ROUTE.test(r) &&
        !CATCH_ALL_ROUTE.test(r) &&
        !PAGE_ROUTE.test(r) &&
        PERMISSIONS[r] !== PUBLIC &&
        (PERMISSIONS[r] as readonly string[]).includes('tcc_liaison'),
    );
    const searches = [
      `/contingents?country=RWA`,
      `/audit?stream=contingent-${rwa.contingentId}`,
      `/audit?type=UnitNamed`,
      `/audit?type=ContingentRegistered`,
      `/audit?limit=1000`,
      `/incidents?mission=UNMISS`,
      `/streams/incident-${sharedIncident}`,
      `/streams/investigation-${eth.investigationId}`,
      `/streams/decision-${rwa.decisionId}`,
      `/incidents/${sharedIncident}/timeline?order=recorded`,
      `/contingents/${eth.contingentId}/history`,
      `/deadlines?country=RWA`,
      `/deadlines?mission=UNMISS`,
      `/audit?type=LeaderAppointed`,
      `/streams/mission-UNMISS`,
      `/missions/UNMISS`,
    ];
    return [...routes.flatMap((r) => [pathOf(r, eth), pathOf(r, rwa)]), ...searches];
  };
  const asOf = (path: string, instant: string) =>
    `${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(instant)}`;
  const readPathsAsOf = () => readPaths().flatMap((p) => [asOf(p, midway), asOf(p, NEXT_CENTURY)]);

  it("gives Ethiopia's liaison nothing about the Rwandan unit, on any route or search", async () => {
    const rwandan = [
      rwa.contingentId,
      rwa.incidentId,
      rwa.findingId,
      rwa.recommendationId,
      rwa.decisionId,
      RWANDAN_DESIGNATION,
      '"RWA"',
      eth.evidenceId,
      rwa.appointmentId,
      rwandanLeaderFinding,
      rwandanLeaderRecommendation,
    ];
    const leaks: string[] = [];
    for (const p of [...readPaths(), ...readPathsAsOf()]) {
      const response = await running.client.as('liaisonETH').get(p);
      if (response.status >= 500) leaks.push(`${p}: ${response.status}`);
      // A refusal echoes only the path the liaison sent.
      if (response.status >= 400) continue;
      const text = JSON.stringify(response.body);
      for (const thing of rwandan) if (text.includes(thing)) leaks.push(`${p}: ${thing}`);
    }
    expect(leaks).toEqual([]);
  });

  it('shows it its own unit in the incident the two units shared, and the finding about both', async () => {
    const timeline = await running.client
      .as('liaisonETH')
      .get(`/incidents/${sharedIncident}/timeline`);
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).toContain(eth.findingId);
    const history = await running.client
      .as('liaisonETH')
      .get(`/contingents/${eth.contingentId}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain(eth.findingId);
    expect(JSON.stringify(history.body)).toContain(eth.decisionId);
  });

  it('shows it the leaders of its nationality, their histories, and its own country’s deadlines', async () => {
    const ethiopia = running.client.as('liaisonETH');
    const mission = await ethiopia.get('/missions/UNMISS');
    expect(mission.status).toBe(200);
    expect(mission.body.leadership).toEqual([
      expect.objectContaining({ appointmentId: eth.appointmentId, nationality: 'ETH' }),
    ]);
    expect(
      (await ethiopia.get(`/missions/UNMISS/leaders/${eth.appointmentId}/history`)).status,
    ).toBe(200);
    const reviewer = await running.client.as('reviewer').get('/deadlines');
    expect(reviewer.body.items.map((d: { country?: string }) => d.country)).toContain('RWA');
    const own = await ethiopia.get('/deadlines');
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([
      expect.objectContaining({
        kind: 'tcc_reply',
        country: 'ETH',
        contingentId: eth.contingentId,
      }),
    ]);
    expect((await ethiopia.get('/deadlines?country=RWA')).body.items).toEqual([]);
  });

  it('answers not found, or forbidden, for what is wholly about another country', async () => {
    for (const p of [
      `/missions/UNMISS/leaders/${rwa.appointmentId}/history`,
      `/incidents/${rwa.incidentId}`,
      `/incidents/${rwa.incidentId}/timeline`,
      `/decisions/${rwa.decisionId}`,
      `/streams/contingent-${rwa.contingentId}`,
      `/contingents/${rwa.contingentId}`,
      `/contingents/${rwa.contingentId}/history`,
    ]) {
      for (const path of [p, asOf(p, midway), asOf(p, NEXT_CENTURY)]) {
        const status = (await running.client.as('liaisonETH').get(path)).status;
        expect([path, [403, 404].includes(status)]).toEqual([path, true]);
      }
    }
  });

  it('shows it its own records as of an instant, as the ledger knew them then', async () => {
    const liaison = running.client.as('liaisonETH');
    const history = await liaison.get(asOf(`/contingents/${eth.contingentId}/history`, midway));
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ asOf: new Date(midway).toISOString(), decisions: [] });
    expect(JSON.stringify(history.body)).toContain(eth.findingId);
    const list = await liaison.get(asOf('/contingents', midway));
    expect(list.body.items.map((c: { contingentId: string }) => c.contingentId)).toEqual([
      eth.contingentId,
    ]);
    const audit = await liaison.get(asOf('/audit?limit=1000', midway));
    expect(audit.status).toBe(200);
    expect(audit.body.events.length).toBeGreaterThan(0);
    const recorded = audit.body.events.map((e: { recordedAt: string }) => Date.parse(e.recordedAt));
    expect(Math.max(...recorded)).toBeLessThanOrEqual(Date.parse(midway));
  });

  it('hides nothing from a reviewer, who reads all', async () => {
    const audit = await running.client.as('reviewer').get('/audit?limit=1000');
    const text = JSON.stringify(audit.body);
    expect(text).toContain(rwa.contingentId);
    expect(text).toContain(RWANDAN_DESIGNATION);
  });
});
