import Database from 'better-sqlite3';
import type { SqliteDatabase } from '../sqlite/database';
import { accountabilityScenario, ids } from '../testing/accountability-scenario';
import { LedgerHistory, project } from '../testing/ledger-history';
import { incidentsProjection } from './incidents.projection';
import { getIncidentSummary, listIncidents } from './incidents.queries';

describe('Incidents', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  describe('given the report of Juba, a unit linked, an amendment and an investigation', () => {
    it('holds the current facts, the linked units and the investigation, without personal data', () => {
      project(db, incidentsProjection, accountabilityScenario().events);

      expect(getIncidentSummary(db, ids.juba)).toEqual({
        incidentId: ids.juba,
        missionCode: 'UNMISS',
        occurredAt: '2016-07-11T15:00:00.000Z',
        location: { name: 'Terrain compound, Juba' },
        category: 'failure_to_protect',
        summary: 'Soldiers attacked the Terrain compound; calls for help went unanswered',
        casualties: { civiliansKilled: 1, civiliansInjured: 5 },
        status: 'open',
        contingentIds: [ids.chineseBattalion, ids.nepaleseFpu],
        investigationIds: [ids.jubaInvestigation],
        subjects: [{ subjectId: 'subject-victim-1', role: 'victim' }],
        reported: {
          position: 130,
          recordedAt: '2016-07-12T08:00:00.000Z',
          actor: { id: 'investigator-1', role: 'investigator' },
        },
        amendments: [
          {
            position: 150,
            recordedAt: '2016-07-20T08:00:00.000Z',
            fields: ['casualties'],
            reason: 'Medical reports received',
            actor: { id: 'investigator-1', role: 'investigator' },
          },
        ],
        lastStatusChange: null,
        lastPosition: 160,
      });
    });
  });

  describe('when closed and reopened', () => {
    it('is open again, with the reason of the reopening', () => {
      const h = new LedgerHistory();
      report(h, 'kidal', { missionCode: 'MINUSMA' });
      h.record('incident-kidal', {
        type: 'IncidentClosed',
        data: { incidentId: 'kidal', reason: 'Investigations concluded' },
      });
      const reopened = h.record('incident-kidal', {
        type: 'IncidentReopened',
        data: { incidentId: 'kidal', reason: 'New testimony' },
      });
      project(db, incidentsProjection, h.events);

      expect(getIncidentSummary(db, 'kidal')).toMatchObject({
        status: 'open',
        lastStatusChange: {
          status: 'open',
          reason: 'New testimony',
          position: 30,
          recordedAt: reopened.recordedAt,
        },
      });
    });
  });

  describe('given events about an incident never reported', () => {
    it('holds nothing for it', () => {
      const h = new LedgerHistory();
      h.record('incident-ghost', {
        type: 'IncidentClosed',
        data: { incidentId: 'ghost', reason: 'No such incident' },
      });
      project(db, incidentsProjection, h.events);

      expect(getIncidentSummary(db, 'ghost')).toBeNull();
    });
  });

  describe('the list', () => {
    beforeEach(() => {
      const h = new LedgerHistory();
      report(h, 'a', { missionCode: 'UNMISS', category: 'attack_on_poc_site' });
      report(h, 'b', { missionCode: 'MINUSCA', category: 'sexual_exploitation_and_abuse' });
      report(h, 'c', { missionCode: 'UNMISS', category: 'failure_to_protect' });
      report(h, 'd', { missionCode: 'UNMISS', category: 'attack_on_poc_site' });
      h.record('incident-d', { type: 'IncidentClosed', data: { incidentId: 'd', reason: 'Done' } });
      h.record('incident-c', {
        type: 'IncidentAmended',
        data: {
          incidentId: 'c',
          changes: { category: 'attack_on_poc_site' },
          reason: 'Reclassified',
        },
      });
      project(db, incidentsProjection, h.events);
    });

    const idsOf = (page: { items: { incidentId: string }[] }) =>
      page.items.map((i) => i.incidentId);

    it('filters by mission, by current category and by status', () => {
      expect(idsOf(listIncidents(db, { mission: 'UNMISS' }))).toEqual(['a', 'c', 'd']);
      expect(idsOf(listIncidents(db, { category: 'attack_on_poc_site' }))).toEqual(['a', 'c', 'd']);
      expect(idsOf(listIncidents(db, { status: 'closed' }))).toEqual(['d']);
      expect(
        idsOf(
          listIncidents(db, { mission: 'UNMISS', category: 'attack_on_poc_site', status: 'open' }),
        ),
      ).toEqual(['a', 'c']);
    });

    it('pages in the order of reporting, with a cursor to the next page', () => {
      const first = listIncidents(db, { limit: 3 });
      const second = listIncidents(db, { limit: 3, after: first.next ?? undefined });

      expect(idsOf(first)).toEqual(['a', 'b', 'c']);
      expect(first.next).toBe(30);
      expect(second).toMatchObject({ next: null });
      expect(idsOf(second)).toEqual(['d']);
    });
  });
});

function report(
  h: LedgerHistory,
  incidentId: string,
  facts: {
    missionCode: string;
    category?: 'attack_on_poc_site' | 'failure_to_protect' | 'sexual_exploitation_and_abuse';
  },
) {
  h.record(`incident-${incidentId}`, {
    type: 'IncidentReported',
    data: {
      incidentId,
      missionCode: facts.missionCode,
      occurredAt: '2016-01-01T00:00:00.000Z',
      location: { name: 'Somewhere' },
      category: facts.category ?? 'other',
      summary: 'Something happened',
      casualties: {},
      contingentIds: [],
      subjects: [],
    },
  });
}
