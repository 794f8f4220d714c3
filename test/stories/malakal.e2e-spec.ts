import { afterInstant, oneMillisecondAfter } from '../support/clock';
import { fingerprint } from '../support/fingerprint';
import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import type {
  ContingentHistory,
  DecisionView,
  EventEnvelope,
  EventPage,
  FindingView,
  Page,
  RecommendationView,
  Timeline,
} from '../support/ledger-views';

/**
 * UNMISS, 17-18 February 2016: fighting in the Malakal protection of civilians site drew in
 * government troops from outside and killed at least 30 civilians. A mission-internal
 * investigation and a Board of Inquiry from New York said different things; the Secretariat
 * promised repatriations but named no unit; of three repatriations asked for, one was carried
 * out half a year later, one quietly lapsed and one was "overtaken by geopolitical concerns".
 */
describe('The Malakal story (UNMISS, February 2016)', () => {
  let running: RunningApp;
  let reviewer: LedgerClient;

  const INCIDENT_OCCURRED = '2016-02-17T22:00:00+03:00';
  const BOARD_REPORTED = '2016-06-21T12:00:00Z';
  const DECIDED = '2016-06-21T16:00:00Z';
  const RWANDAN_COMMANDER_REPATRIATED = '2016-08-17T12:00:00Z';
  const GEOPOLITICS = 'Overtaken by geopolitical concerns';
  const END_OF_ROTATION = 'The battalion commander quietly stayed until the end of his rotation';

  const units = { rwanda: '', india: '', ethiopia: '' };
  let incidentId = '';
  const internal = {
    id: '',
    commandAndControl: '',
    rulesOfEngagement: '',
    coordination: '',
    retraining: '',
  };
  const board = { id: '', evidence: '', writtenAuthorisation: '', abandonedPosts: '' };
  const recommendations = { rwandanCommander: '', indianCommander: '', ethiopianUnit: '' };
  const decisions = { rwandanCommander: '', indianCommander: '', ethiopianUnit: '' };
  /** The last instant the ledger had recorded before the Board of Inquiry was opened. */
  let beforeBoardOfInquiry = '';
  /** Once the Board had reported, before any decision. */
  let afterBoardOfInquiry = '';
  /** Once every decision had its fate, before the incident was amended. */
  let beforeAmendment = '';
  const FIRST_SUMMARY =
    'Fighting broke out between residents of the POC site and drew in government troops from the outside';
  const AMENDED_SUMMARY = `${FIRST_SUMMARY}, killing at least 30 civilians`;

  beforeAll(async () => {
    running = await startApp();
    const { client } = running;
    const admin = client.as('admin');
    const missionTeam = client.as('investigator2');
    const boardInvestigator = client.as('investigator');
    const decider = client.as('decider');
    reviewer = client.as('reviewer');

    await admin.create('/missions', {
      code: 'UNMISS',
      name: 'United Nations Mission in South Sudan',
      hostCountry: 'SSD',
    });
    const battalion = (country: string, designation: string) =>
      admin.create('/contingents', {
        country,
        unitType: 'infantry_battalion',
        designation,
        missionCode: 'UNMISS',
        sector: 'Sector North',
      });
    units.rwanda = (await battalion('RWA', 'Rwandan battalion')).id;
    units.india = (await battalion('IND', 'Indian battalion')).id;
    units.ethiopia = (await battalion('ETH', 'Ethiopian battalion')).id;

    incidentId = (
      await missionTeam.create('/incidents', {
        missionCode: 'UNMISS',
        occurredAt: INCIDENT_OCCURRED,
        location: { name: 'Malakal POC site', latitude: 9.53, longitude: 31.66 },
        category: 'attack_on_poc_site',
        summary: FIRST_SUMMARY,
        casualties: { civiliansKilled: 30 },
        contingentIds: [units.rwanda, units.india, units.ethiopia],
      })
    ).id;

    // The mission's own investigation: failures of the system, attributed to the mission.
    internal.id = (
      await missionTeam.create('/investigations', {
        incidentIds: [incidentId],
        kind: 'mission_internal',
        title: 'UNMISS internal investigation into the attack on the Malakal POC site',
      })
    ).id;
    const internalFinding = (body: object) =>
      missionTeam.create(`/investigations/${internal.id}/findings`, body).then((r) => r.id);
    internal.commandAndControl = await internalFinding({
      statement: 'Command-and-control deficiencies during the attack',
      category: 'command_and_control',
      severity: 'high',
      attributions: [{ level: 'mission_leadership' }],
    });
    internal.rulesOfEngagement = await internalFinding({
      statement: 'Incorrect interpretation of the rules of engagement',
      category: 'rules_of_engagement',
      severity: 'high',
      attributions: [{ level: 'mission_component', component: 'military' }],
    });
    internal.coordination = await internalFinding({
      statement: 'Poor coordination between the civilian, military and police components',
      category: 'coordination',
      severity: 'medium',
      attributions: [
        { level: 'mission_component', component: 'civilian' },
        { level: 'mission_component', component: 'military' },
        { level: 'mission_component', component: 'police' },
      ],
    });
    internal.retraining = (
      await missionTeam.create(`/investigations/${internal.id}/recommendations`, {
        action: 'retrain',
        findingIds: [internal.rulesOfEngagement],
        rationale: 'Train the military component on the rules of engagement for the POC site',
      })
    ).id;
    // The mission team, who reported the incident, makes the Board of Inquiry responsible for it.
    await missionTeam.create(`/incidents/${incidentId}/investigators`, {
      investigatorId: 'inv-boi',
    });
    beforeBoardOfInquiry = await lastRecordedIn(`incident-${incidentId}`);
    await afterInstant(beforeBoardOfInquiry);

    // The Board of Inquiry flown in from New York: unit-level conduct.
    board.id = (
      await boardInvestigator.create('/investigations', {
        incidentIds: [incidentId],
        kind: 'board_of_inquiry',
        title: 'Board of Inquiry into the attack on the Malakal POC site',
      })
    ).id;
    board.evidence = (
      await boardInvestigator.create(`/investigations/${board.id}/evidence`, {
        kind: 'testimony',
        description: 'Testimony of sector command staff on requests for authorisation to use force',
        sha256: fingerprint('Malakal Board of Inquiry, sector command testimony'),
        custodian: 'Board of Inquiry secretariat, New York',
      })
    ).id;
    board.writtenAuthorisation = (
      await boardInvestigator.create(`/investigations/${board.id}/findings`, {
        statement:
          'Peacekeepers sought written authorisation to use force from the sector command, which was unnecessary under the rules of engagement',
        category: 'rules_of_engagement',
        severity: 'high',
        attributions: [
          { level: 'unit', contingentId: units.rwanda },
          { level: 'unit', contingentId: units.india },
          { level: 'role', role: 'battalion_commander' },
        ],
        evidenceIds: [board.evidence],
      })
    ).id;
    board.abandonedPosts = (
      await boardInvestigator.create(`/investigations/${board.id}/findings`, {
        statement:
          "Sentries of the Ethiopian contingent abandoned their posts on the POC site's perimeter",
        category: 'abandonment_of_post',
        severity: 'critical',
        attributions: [{ level: 'unit', contingentId: units.ethiopia }],
      })
    ).id;
    const recommend = (body: object) =>
      boardInvestigator
        .create(`/investigations/${board.id}/recommendations`, body)
        .then((r) => r.id);
    recommendations.rwandanCommander = await recommend({
      action: 'repatriate_commander',
      contingentId: units.rwanda,
      role: 'battalion_commander',
      subjectIds: ['rwanbatt-commander-2016'],
      findingIds: [board.writtenAuthorisation],
      rationale:
        'Command responsibility for not using force when the rules of engagement allowed it',
    });
    recommendations.indianCommander = await recommend({
      action: 'repatriate_commander',
      contingentId: units.india,
      role: 'battalion_commander',
      subjectIds: ['indbatt-commander-2016'],
      findingIds: [board.writtenAuthorisation],
      rationale:
        'Command responsibility for not using force when the rules of engagement allowed it',
    });
    recommendations.ethiopianUnit = await recommend({
      action: 'repatriate_unit',
      contingentId: units.ethiopia,
      findingIds: [board.abandonedPosts],
      rationale: 'The contingent abandoned the sentry posts on the perimeter during the attack',
    });
    await boardInvestigator.create(`/investigations/${board.id}/reports`, {
      summary: 'Repatriations promised; no unit named in public',
      submittedAt: BOARD_REPORTED,
    });
    afterBoardOfInquiry = await lastRecordedIn(`investigation-${board.id}`);
    await afterInstant(afterBoardOfInquiry);

    // The Secretariat decides; then what became of each decision.
    const decide = (body: object) => decider.create('/decisions', body).then((r) => r.id);
    const authority = 'Under-Secretary-General for Peace Operations';
    decisions.rwandanCommander = await decide({
      recommendationId: recommendations.rwandanCommander,
      contingentId: units.rwanda,
      scope: 'commander',
      outcome: 'repatriate',
      subjectIds: ['rwanbatt-commander-2016'],
      authority,
      rationale: 'As the Board of Inquiry recommends',
      decidedAt: DECIDED,
    });
    decisions.indianCommander = await decide({
      recommendationId: recommendations.indianCommander,
      contingentId: units.india,
      scope: 'commander',
      outcome: 'repatriate',
      subjectIds: ['indbatt-commander-2016'],
      authority,
      rationale: 'As the Board of Inquiry recommends',
      decidedAt: DECIDED,
    });
    decisions.ethiopianUnit = await decide({
      recommendationId: recommendations.ethiopianUnit,
      contingentId: units.ethiopia,
      scope: 'unit',
      outcome: 'defer',
      authority,
      rationale: 'The repatriation of the whole contingent is deferred',
      reasonForDeviation: GEOPOLITICS,
      decidedAt: DECIDED,
    });
    await decider.create(`/decisions/${decisions.rwandanCommander}/implementation`, {
      implementedAt: RWANDAN_COMMANDER_REPATRIATED,
      note: 'Repatriated half a year after the attack',
    });
    await decider.create(`/decisions/${decisions.indianCommander}/lapse`, {
      reason: END_OF_ROTATION,
    });
    await decider.create(`/decisions/${decisions.ethiopianUnit}/lapse`, {
      reason: `Never carried out: ${GEOPOLITICS.toLowerCase()}`,
    });
    beforeAmendment = await lastRecordedIn(`decision-${decisions.ethiopianUnit}`);
    await afterInstant(beforeAmendment);

    // The mission corrects its report with the toll the inquiries established.
    await missionTeam.create(`/incidents/${incidentId}/amendments`, {
      changes: { summary: AMENDED_SUMMARY },
      reason: 'The toll established by the inquiries',
    });
  });

  /** The recording time of the last event of a stream. */
  async function lastRecordedIn(streamId: string): Promise<string> {
    const stream = await reviewer.get<EventPage>(`/streams/${streamId}?limit=1000`);
    return stream.body.events.at(-1)!.recordedAt;
  }

  afterAll(async () => {
    await running?.close();
  });

  const timeline = async (query: string): Promise<Timeline> => {
    const response = await reviewer.get<Timeline>(`/incidents/${incidentId}/timeline?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const history = async (contingentId: string): Promise<ContingentHistory> => {
    const response = await reviewer.get<ContingentHistory>(`/contingents/${contingentId}/history`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const audit = async (query: string): Promise<EventEnvelope[]> => {
    const response = await reviewer.get<EventPage>(`/audit?limit=1000&${query}`);
    expect(response.status).toBe(200);
    return response.body.events;
  };
  const count = (entries: { type: string }[], type: string) =>
    entries.filter((entry) => entry.type === type).length;
  const effectiveTime = (entry: { occurredAt: string | null; recordedAt: string }) =>
    Date.parse(entry.occurredAt ?? entry.recordedAt);

  describe('the incident timeline', () => {
    it('tells the whole story in the order the ledger learnt it', async () => {
      const { entries, order } = await timeline('order=recorded');
      expect(order).toBe('recorded');
      expect(entries[0]).toMatchObject({
        type: 'IncidentReported',
        streamId: `incident-${incidentId}`,
      });
      const positions = entries.map((entry) => entry.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(count(entries, 'InvestigationOpened')).toBe(2);
      expect(count(entries, 'FindingRecorded')).toBe(5);
      expect(count(entries, 'RecommendationIssued')).toBe(4);
      expect(count(entries, 'RepatriationDecided')).toBe(3);
      expect(count(entries, 'RepatriationImplemented')).toBe(1);
      expect(count(entries, 'RepatriationLapsed')).toBe(2);
      expect(count(entries, 'UnitNamed')).toBe(0);
      const opened = entries.filter((entry) => entry.type === 'InvestigationOpened');
      expect(opened.map((entry) => entry.streamId)).toEqual([
        `investigation-${internal.id}`,
        `investigation-${board.id}`,
      ]);
    });

    it('tells the same story in the order it happened in the world', async () => {
      const byRecorded = await timeline('order=recorded');
      const byOccurred = await timeline('order=occurred');
      expect(byOccurred.order).toBe('occurred');
      const positionsOf = (t: Timeline) => t.entries.map((entry) => entry.position);
      expect([...positionsOf(byOccurred)].sort((a, b) => a - b)).toEqual(positionsOf(byRecorded));
      const times = byOccurred.entries.map(effectiveTime);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(byOccurred.entries[0]).toMatchObject({
        type: 'IncidentReported',
        occurredAt: expect.any(String),
      });
      expect(Date.parse(byOccurred.entries[0].occurredAt!)).toBe(Date.parse(INCIDENT_OCCURRED));

      // The Board's report of June 2016 was recorded after the internal investigation was
      // opened, but happened long before the ledger learnt of either.
      const indexOf = (t: Timeline, type: string, streamId: string) =>
        t.entries.findIndex((entry) => entry.type === type && entry.streamId === streamId);
      const report = ['InvestigationReportSubmitted', `investigation-${board.id}`] as const;
      const internalOpened = ['InvestigationOpened', `investigation-${internal.id}`] as const;
      expect(indexOf(byRecorded, ...report)).toBeGreaterThan(
        indexOf(byRecorded, ...internalOpened),
      );
      expect(indexOf(byOccurred, ...report)).toBeLessThan(indexOf(byOccurred, ...internalOpened));
    });

    it('as known just before the Board of Inquiry, holds only the internal investigation', async () => {
      const asKnown = await timeline(
        `order=recorded&asOf=${encodeURIComponent(beforeBoardOfInquiry)}`,
      );
      expect(Date.parse(asKnown.asOf!)).toBe(Date.parse(beforeBoardOfInquiry));
      const streams = new Set(asKnown.entries.map((entry) => entry.streamId));
      expect(streams).toEqual(new Set([`incident-${incidentId}`, `investigation-${internal.id}`]));
      expect(count(asKnown.entries, 'FindingRecorded')).toBe(3);
      expect(count(asKnown.entries, 'RecommendationIssued')).toBe(1);
      expect(count(asKnown.entries, 'RepatriationDecided')).toBe(0);
      expect(
        asKnown.entries.every((e) => Date.parse(e.recordedAt) <= Date.parse(beforeBoardOfInquiry)),
      ).toBe(true);
    });

    it('as known before the attack was reported, is empty', async () => {
      const asKnown = await timeline(`asOf=${encodeURIComponent('2016-02-18T00:00:00Z')}`);
      expect(asKnown.entries).toEqual([]);
    });
  });

  describe('two investigations of one incident', () => {
    it('the internal investigation blames command and control, the rules of engagement and coordination, at mission level', async () => {
      const events = await audit(`stream=investigation-${internal.id}&type=FindingRecorded`);
      expect(events.map((e) => e.data.category)).toEqual([
        'command_and_control',
        'rules_of_engagement',
        'coordination',
      ]);
      const levels = events.flatMap((e) =>
        (e.data.attributions as { level: string }[]).map((a) => a.level),
      );
      expect(new Set(levels)).toEqual(new Set(['mission_leadership', 'mission_component']));
      expect(events.every((e) => e.actor.id === 'inv-mission')).toBe(true);
    });

    it('the Board of Inquiry attributes its findings to units', async () => {
      const events = await audit(`stream=investigation-${board.id}&type=FindingRecorded`);
      expect(events.map((e) => e.data.category)).toEqual([
        'rules_of_engagement',
        'abandonment_of_post',
      ]);
      const attributedUnits = events.flatMap((e) =>
        (e.data.attributions as { level: string; contingentId?: string }[])
          .filter((a) => a.level === 'unit')
          .map((a) => a.contingentId),
      );
      expect(attributedUnits).toEqual([units.rwanda, units.india, units.ethiopia]);
      expect(events.every((e) => e.actor.id === 'inv-boi')).toBe(true);
    });

    it('names no unit: the Secretariat refused to name the underperformers', async () => {
      expect(await audit('type=UnitNamed')).toEqual([]);
      for (const unit of Object.values(units)) expect((await history(unit)).namings).toEqual([]);
    });
  });

  describe("the Ethiopian contingent's history", () => {
    it('holds the finding attributed to it, no naming, and the repatriation deferred against the recommendation then lapsed', async () => {
      const ethiopia = await history(units.ethiopia);
      expect(ethiopia.contingent).toMatchObject({ country: 'ETH', missionCode: 'UNMISS' });
      expect(ethiopia.incidents.map((i) => i.incidentId)).toEqual([incidentId]);
      expect(ethiopia.findings).toHaveLength(1);
      expect(ethiopia.findings[0]).toMatchObject({
        findingId: board.abandonedPosts,
        investigationId: board.id,
        category: 'abandonment_of_post',
        attributedNow: true,
      });
      expect(ethiopia.namings).toEqual([]);
      expect(ethiopia.recommendations).toEqual([
        expect.objectContaining({
          recommendationId: recommendations.ethiopianUnit,
          action: 'repatriate_unit',
          findingIds: [board.abandonedPosts],
          status: 'lapsed',
        }),
      ]);
      expect(ethiopia.decisions).toEqual([
        expect.objectContaining({
          decisionId: decisions.ethiopianUnit,
          scope: 'unit',
          outcome: 'defer',
          reasonForDeviation: GEOPOLITICS,
          status: 'lapsed',
          implementedAt: null,
          recommendation: expect.objectContaining({
            recommendationId: recommendations.ethiopianUnit,
            investigationId: board.id,
            action: 'repatriate_unit',
          }),
        }),
      ]);
    });
  });

  describe("the Rwandan contingent's history", () => {
    it('holds the commander repatriated, carried out half a year after the attack', async () => {
      const rwanda = await history(units.rwanda);
      expect(rwanda.findings.map((f) => f.findingId)).toEqual([board.writtenAuthorisation]);
      expect(rwanda.decisions).toEqual([
        expect.objectContaining({
          decisionId: decisions.rwandanCommander,
          scope: 'commander',
          outcome: 'repatriate',
          status: 'implemented',
        }),
      ]);
      const months =
        (Date.parse(rwanda.decisions[0].implementedAt!) - Date.parse(INCIDENT_OCCURRED)) /
        (30 * 864e5);
      expect(months).toBeGreaterThan(5.5);
      expect(months).toBeLessThan(6.5);
    });
  });

  describe("the Indian contingent's history", () => {
    it('holds the commander decided to be sent home, a decision that lapsed at the end of his rotation', async () => {
      const india = await history(units.india);
      expect(india.findings.map((f) => f.findingId)).toEqual([board.writtenAuthorisation]);
      expect(india.decisions).toEqual([
        expect.objectContaining({
          decisionId: decisions.indianCommander,
          outcome: 'repatriate',
          status: 'lapsed',
          implementedAt: null,
          statusNote: END_OF_ROTATION,
        }),
      ]);
    });
  });

  describe('recommendations by status', () => {
    const withStatus = async (status: string): Promise<string[]> => {
      const response = await reviewer.get<Page<RecommendationView>>(
        `/recommendations?status=${status}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items.every((r) => r.status === status)).toBe(true);
      return response.body.items.map((r) => r.recommendationId);
    };

    it('lists the one repatriation carried out, the two that lapsed and the retraining never decided', async () => {
      expect(await withStatus('implemented')).toEqual([recommendations.rwandanCommander]);
      expect((await withStatus('lapsed')).sort()).toEqual(
        [recommendations.indianCommander, recommendations.ethiopianUnit].sort(),
      );
      expect(await withStatus('undecided')).toEqual([internal.retraining]);
      expect(await withStatus('decided')).toEqual([]);
      expect(await withStatus('reversed')).toEqual([]);
    });
  });

  describe('follow-through', () => {
    interface Listed<T> {
      total: number;
      items: T[];
    }
    interface FollowThrough {
      recommendationsWithoutDecision: Listed<RecommendationView>;
      repatriationsNotImplemented: Listed<DecisionView>;
      retainedOrDeferredAgainstRecommendation: Listed<DecisionView>;
      durations: Listed<{ decisionId: string; days: { incidentToDecision: number | null } }>;
    }
    let followThrough: FollowThrough;

    beforeAll(async () => {
      const response = await running.client.as('oversight').get<FollowThrough>('/follow-through');
      expect(response.status).toBe(200);
      followThrough = response.body;
    });

    it('lists the retraining that was never decided', () => {
      expect(
        followThrough.recommendationsWithoutDecision.items.map((r) => r.recommendationId),
      ).toEqual([internal.retraining]);
    });

    it('lists the repatriation decided but never carried out, and not the one carried out', () => {
      expect(followThrough.repatriationsNotImplemented.items).toEqual([
        expect.objectContaining({ decisionId: decisions.indianCommander, status: 'lapsed' }),
      ]);
    });

    it('lists the deferral against the recommendation to repatriate, with its reason', () => {
      expect(followThrough.retainedOrDeferredAgainstRecommendation.items).toEqual([
        expect.objectContaining({
          decisionId: decisions.ethiopianUnit,
          outcome: 'defer',
          reasonForDeviation: GEOPOLITICS,
          status: 'lapsed',
        }),
      ]);
    });

    it('measures the four months from the attack to the decisions', () => {
      expect(followThrough.durations.items.map((d) => d.decisionId)).toEqual([
        decisions.rwandanCommander,
        decisions.indianCommander,
        decisions.ethiopianUnit,
      ]);
      const days = (Date.parse(DECIDED) - Date.parse(INCIDENT_OCCURRED)) / 864e5;
      for (const item of followThrough.durations.items) {
        expect(item.days.incidentToDecision).toBeCloseTo(days, 1);
      }
    });
  });

  describe('the audit trail', () => {
    it('filters by type: two decisions lapsed, both taken by the decision authority', async () => {
      const lapsed = await audit('type=RepatriationLapsed');
      expect(lapsed.map((e) => e.data.decisionId)).toEqual([
        decisions.indianCommander,
        decisions.ethiopianUnit,
      ]);
      expect(
        lapsed.every((e) => e.actor.id === 'usg-dpo' && e.actor.role === 'decision_authority'),
      ).toBe(true);
      const decided = await audit('type=RepatriationDecided');
      const deviations = decided.filter((e) => e.data.reasonForDeviation !== undefined);
      expect(deviations.map((e) => e.data.reasonForDeviation)).toEqual([GEOPOLITICS]);
    });

    it('filters by stream: the Board of Inquiry in revision order, each event chained to the one before', async () => {
      const events = await audit(`stream=investigation-${board.id}`);
      expect(events.length).toBeGreaterThanOrEqual(8);
      expect(events.every((e) => e.streamId === `investigation-${board.id}`)).toBe(true);
      expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, index) => index));
      events.slice(1).forEach((event, index) => expect(event.prevHash).toBe(events[index].hash));
    });

    it('filters by actor: the mission investigation team wrote the internal investigation, not the Board', async () => {
      const events = await audit('actor=inv-mission');
      expect(events.every((e) => e.actor.id === 'inv-mission')).toBe(true);
      const streams = new Set(events.map((e) => e.streamId));
      expect(streams.has(`investigation-${internal.id}`)).toBe(true);
      expect(streams.has(`incident-${incidentId}`)).toBe(true);
      expect(streams.has(`investigation-${board.id}`)).toBe(false);
    });

    it('filters by recorded time: before and after the Board of Inquiry was opened', async () => {
      const until = await audit(`to=${encodeURIComponent(beforeBoardOfInquiry)}`);
      const since = await audit(
        `from=${encodeURIComponent(oneMillisecondAfter(beforeBoardOfInquiry))}`,
      );
      const all = await audit('');
      expect(until.length + since.length).toBe(all.length);
      expect(until.some((e) => e.streamId === `investigation-${board.id}`)).toBe(false);
      expect(since.some((e) => e.streamId === `investigation-${internal.id}`)).toBe(false);
      expect(since[0]).toMatchObject({
        type: 'InvestigationOpened',
        streamId: `investigation-${board.id}`,
      });
    });
  });

  describe('as known at several instants', () => {
    const at = (path: string, instant: string) =>
      reviewer.get(`${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(instant)}`);
    const ok = async (path: string, instant: string) => {
      const response = await at(path, instant);
      expect(response.status).toBe(200);
      expect(Date.parse(response.body.asOf)).toBe(Date.parse(instant));
      return response.body;
    };
    const BEFORE_ANYTHING = '2016-02-18T00:00:00Z';
    const NEXT_CENTURY = '2116-02-17T00:00:00Z';
    const routes = () => [
      '/missions',
      '/missions/UNMISS',
      '/contingents',
      `/contingents/${units.ethiopia}`,
      `/contingents/${units.ethiopia}/history`,
      `/contingents/${units.rwanda}/history`,
      '/incidents',
      `/incidents/${incidentId}`,
      `/incidents/${incidentId}/timeline?order=recorded`,
      `/investigations/${internal.id}`,
      `/investigations/${board.id}`,
      `/decisions/${decisions.indianCommander}`,
      '/recommendations',
      '/recommendations?status=undecided',
      '/follow-through',
      '/audit?limit=1000',
      `/streams/incident-${incidentId}`,
    ];

    it('answers every read as of an instant in the future as it answers now, saying up to which position', async () => {
      const head = (await reviewer.get('/health')).body.headPosition;
      for (const path of routes()) {
        const now = await reviewer.get(path);
        const then = await ok(path, NEXT_CENTURY);
        expect(now.body.asOf).toBeNull();
        expect(then.asOfPosition).toBe(String(head));
        const { asOf: _asOf, asOfPosition: _position, ...answer } = then;
        const { asOf: _now, ...current } = now.body;
        expect([path, answer]).toEqual([path, current]);
      }
    });

    it('answers before the first event with the empty record, or not found for one thing', async () => {
      for (const path of ['/missions', '/contingents', '/incidents', '/recommendations']) {
        expect(await ok(path, BEFORE_ANYTHING)).toMatchObject({ items: [], asOfPosition: null });
      }
      expect((await ok(`/incidents/${incidentId}/timeline`, BEFORE_ANYTHING)).entries).toEqual([]);
      expect((await ok('/audit', BEFORE_ANYTHING)).events).toEqual([]);
      expect((await ok('/follow-through', BEFORE_ANYTHING)).durations.total).toBe(0);
      const history = await ok(`/contingents/${units.ethiopia}/history`, BEFORE_ANYTHING);
      expect(history).toMatchObject({ contingent: null, findings: [], decisions: [], next: null });
      for (const path of [
        `/incidents/${incidentId}`,
        `/contingents/${units.ethiopia}`,
        '/missions/UNMISS',
        `/streams/incident-${incidentId}`,
      ]) {
        const response = await at(path, BEFORE_ANYTHING);
        expect([path, response.status]).toEqual([path, 404]);
        expect(response.body).toMatchObject({
          asOf: '2016-02-18T00:00:00.000Z',
          asOfPosition: null,
          detail: expect.stringContaining('as of 2016-02-18T00:00:00.000Z'),
        });
      }
    });

    describe('before the Board of Inquiry', () => {
      it('knows the internal investigation, its one recommendation undecided, and no Board', async () => {
        const instant = beforeBoardOfInquiry;
        expect((await at(`/investigations/${board.id}`, instant)).status).toBe(404);
        const investigation = await ok(`/investigations/${internal.id}`, instant);
        expect(investigation.status).toBe('open');
        const undecided = await ok('/recommendations?status=undecided', instant);
        expect(undecided.items.map((r: RecommendationView) => r.recommendationId)).toEqual([
          internal.retraining,
        ]);
        const ethiopia = await ok(`/contingents/${units.ethiopia}/history`, instant);
        expect(ethiopia.incidents.map((i: { incidentId: string }) => i.incidentId)).toEqual([
          incidentId,
        ]);
        expect(ethiopia.findings).toEqual([]);
        expect(ethiopia.recommendations).toEqual([]);
        const incident = await ok(`/incidents/${incidentId}`, instant);
        expect(incident.facts.summary).toBe(FIRST_SUMMARY);
      });

      it('holds in the audit trail exactly the events recorded by then', async () => {
        const asOf = await ok('/audit?limit=1000', beforeBoardOfInquiry);
        const until = await audit(`to=${encodeURIComponent(beforeBoardOfInquiry)}`);
        expect(asOf.events.map((e: EventEnvelope) => e.eventId)).toEqual(
          until.map((e) => e.eventId),
        );
        expect(asOf.asOfPosition).toBe(String(until.at(-1)!.globalPosition));
      });
    });

    describe('after the Board of Inquiry, before any decision', () => {
      it('knows its findings and its three recommendations to repatriate, none decided yet', async () => {
        const instant = afterBoardOfInquiry;
        const boardNow = await ok(`/investigations/${board.id}`, instant);
        expect(boardNow.revision).toBeGreaterThanOrEqual(6);
        expect((await at(`/decisions/${decisions.indianCommander}`, instant)).status).toBe(404);
        const undecided = await ok('/recommendations?status=undecided', instant);
        expect(undecided.items).toHaveLength(4);
        const followThrough = await ok('/follow-through', instant);
        expect(followThrough.recommendationsWithoutDecision.total).toBe(4);
        expect(followThrough.repatriationsNotImplemented.total).toBe(0);
        expect(followThrough.durations.items).toEqual([]);
        const ethiopia = await ok(`/contingents/${units.ethiopia}/history`, instant);
        expect(ethiopia.findings.map((f: FindingView) => f.findingId)).toEqual([
          board.abandonedPosts,
        ]);
        expect(ethiopia.recommendations.map((r: RecommendationView) => r.status)).toEqual([
          'undecided',
        ]);
        expect(ethiopia.decisions).toEqual([]);
        const timeline = await ok(`/incidents/${incidentId}/timeline?order=recorded`, instant);
        expect(count(timeline.entries, 'RepatriationDecided')).toBe(0);
        expect(count(timeline.entries, 'InvestigationReportSubmitted')).toBe(1);
      });
    });

    describe('after every decision had its fate, before the amendment', () => {
      it('tells the decisions as they ended, and the incident as first reported', async () => {
        const instant = beforeAmendment;
        const indian = await ok(`/decisions/${decisions.indianCommander}`, instant);
        expect(indian).toMatchObject({ status: 'lapsed' });
        const lapsed = await ok('/recommendations?status=lapsed', instant);
        expect(lapsed.items).toHaveLength(2);
        const incident = await ok(`/incidents/${incidentId}`, instant);
        expect(incident.facts.summary).toBe(FIRST_SUMMARY);
        const listed = await ok('/incidents', instant);
        expect(listed.items.map((i: { summary: string }) => i.summary)).toEqual([FIRST_SUMMARY]);
        const stream = await ok(`/streams/incident-${incidentId}`, instant);
        expect(count(stream.events, 'IncidentAmended')).toBe(0);
      });
    });

    describe('after the amendment', () => {
      it('tells the amended summary, and on the timeline what the amendment changed, from what, and why', async () => {
        const incident = await reviewer.get(`/incidents/${incidentId}`);
        expect(incident.body.facts.summary).toBe(AMENDED_SUMMARY);
        const listed = await reviewer.get('/incidents');
        expect(listed.body.items.map((i: { summary: string }) => i.summary)).toEqual([
          AMENDED_SUMMARY,
        ]);
        const { entries } = await timeline('order=recorded');
        expect(entries.at(-1)).toMatchObject({
          type: 'IncidentAmended',
          changes: [{ field: 'summary', from: FIRST_SUMMARY, to: AMENDED_SUMMARY }],
          reason: 'The toll established by the inquiries',
        });
        const lapse = entries.find((e) => e.type === 'RepatriationLapsed');
        expect(lapse).toMatchObject({
          changes: [{ field: 'status', from: 'decided', to: 'lapsed' }],
        });
      });
    });

    it('refuses an asOf that is not an instant, naming the field', async () => {
      const malformed = ['yesterday', '2016-06-21T12:00:00', '2016-13-01T00:00:00Z', ''];
      for (const path of routes()) {
        for (const value of malformed) {
          const response = await at(path, value);
          expect([path, value, response.status, response.body.errors?.[0]?.field]).toEqual([
            path,
            value,
            400,
            'asOf',
          ]);
          expect(response.contentType).toContain('application/problem+json');
        }
      }
    });
  });
});
