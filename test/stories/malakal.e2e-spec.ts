import { afterInstant, oneMillisecondAfter } from '../support/clock';
import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import { lastRecordedIn } from '../support/ledger-head';
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
import {
  DECIDED,
  END_OF_ROTATION,
  FIRST_SUMMARY,
  GEOPOLITICS,
  INCIDENT_OCCURRED,
  recordMalakal,
  type MalakalRecord,
} from './recordings/malakal';

/**
 * UNMISS, 17-18 February 2016: fighting in the Malakal protection of civilians site drew in
 * government troops from outside and killed at least 30 civilians. A mission-internal
 * investigation and a Board of Inquiry from New York said different things; the Secretariat
 * promised repatriations but named no unit; of three repatriations asked for, one was carried
 * out half a year later, one quietly lapsed and one was "overtaken by geopolitical concerns".
 * The story is recorded in recordings/malakal.ts; this spec adds the mission's amendment of
 * its report once every decision had its fate.
 */
describe('The Malakal story (UNMISS, February 2016)', () => {
  let running: RunningApp;
  let reviewer: LedgerClient;

  let units: MalakalRecord['units'];
  let incidentId: string;
  let internal: MalakalRecord['internal'];
  let board: MalakalRecord['board'];
  let recommendations: MalakalRecord['recommendations'];
  let decisions: MalakalRecord['decisions'];
  /** The last instant the ledger had recorded before the Board of Inquiry was opened. */
  let beforeBoardOfInquiry: string;
  /** Once the Board had reported, before any decision. */
  let afterBoardOfInquiry: string;
  /** Once every decision had its fate, before the incident was amended. */
  let beforeAmendment = '';
  const AMENDED_SUMMARY = `${FIRST_SUMMARY}, killing at least 30 civilians`;

  beforeAll(async () => {
    running = await startApp();
    reviewer = running.client.as('reviewer');
    ({
      units,
      incidentId,
      internal,
      board,
      recommendations,
      decisions,
      beforeBoardOfInquiry,
      afterBoardOfInquiry,
    } = await recordMalakal(running.client));

    // The last write of the recording: the Ethiopian unit's decision lapsed.
    beforeAmendment = await lastRecordedIn(reviewer, `decision-${decisions.ethiopianUnit}`);
    await afterInstant(beforeAmendment);
    // The mission corrects its report with the toll the inquiries established.
    await running.client.as('investigator2').create(`/incidents/${incidentId}/amendments`, {
      changes: { summary: AMENDED_SUMMARY },
      reason: 'The toll established by the inquiries',
    });
  });

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
