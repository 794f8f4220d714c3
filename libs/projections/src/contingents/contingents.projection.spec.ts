import Database from 'better-sqlite3';
import type { SqliteDatabase } from '../sqlite/database';
import { LedgerHistory, project } from '../testing/ledger-history';
import { contingentsProjection } from './contingents.projection';
import { getContingentState, listContingents } from './contingents.queries';

describe('Contingents', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = new Database(':memory:');
    const h = new LedgerHistory('2013-01-01T00:00:00.000Z');
    register(h, 'ner-batt', 'NER', 'AFISMA');
    register(h, 'tcd-batt', 'TCD', 'MINUSMA');
    register(h, 'npl-fpu', 'NPL', 'UNMISS');
    h.record('contingent-ner-batt', {
      type: 'ContingentReHatted',
      data: {
        contingentId: 'ner-batt',
        fromOperation: 'AFISMA',
        fromMissionCode: 'AFISMA',
        toMissionCode: 'MINUSMA',
        at: '2013-07-01T00:00:00.000Z',
      },
    });
    h.record('contingent-ner-batt', {
      type: 'ContingentRotated',
      data: {
        contingentId: 'ner-batt',
        rotationId: 'rotation-2',
        startedAt: '2014-01-10T00:00:00.000Z',
        strength: 850,
        commanderSubjectId: 'subject-co-2',
        personal: { 'subject-co-2': { name: 'withheld' } },
      },
    });
    h.record('contingent-ner-batt', {
      type: 'ContingentEvaluated',
      data: {
        contingentId: 'ner-batt',
        evaluationId: 'evaluation-1',
        evaluatedAt: '2014-03-01T00:00:00.000Z',
        rating: 'meets_standard',
        summary: 'Force commander evaluation',
      },
    });
    h.record('contingent-ner-batt', {
      type: 'ContingentCommended',
      data: {
        contingentId: 'ner-batt',
        commendationId: 'c-1',
        at: '2014-04-01',
        citation: 'Convoy',
      },
    });
    project(db, contingentsProjection, h.events);
  });
  afterEach(() => db.close());

  describe('given a registration in AFISMA, a re-hatting into MINUSMA, a rotation, an evaluation', () => {
    it('holds its current state and both deployments', () => {
      expect(getContingentState(db, 'ner-batt')).toEqual({
        contingentId: 'ner-batt',
        country: 'NER',
        unitType: 'infantry_battalion',
        designation: 'NER-BATT',
        missionCode: 'MINUSMA',
        sector: 'North',
        strength: 850,
        deployedAt: null,
        presence: { status: 'deployed' },
        strengthOverTime: [
          {
            from: '2013-07-01T00:00:00.000Z',
            to: '2014-01-10T00:00:00.000Z',
            strength: 800,
            missionCode: 'MINUSMA',
            status: 'deployed',
          },
          {
            from: '2014-01-10T00:00:00.000Z',
            to: null,
            strength: 850,
            missionCode: 'MINUSMA',
            status: 'deployed',
          },
        ],
        registered: { position: 10, recordedAt: '2013-01-01T00:00:00.000Z' },
        deployments: [
          {
            missionCode: 'AFISMA',
            since: '2013-01-01T00:00:00.000Z',
            via: 'registration',
            fromOperation: null,
            fromMissionCode: null,
          },
          {
            missionCode: 'MINUSMA',
            since: '2013-07-01T00:00:00.000Z',
            via: 're_hatting',
            fromOperation: 'AFISMA',
            fromMissionCode: 'AFISMA',
          },
        ],
        currentRotation: {
          rotationId: 'rotation-2',
          startedAt: '2014-01-10T00:00:00.000Z',
          strength: 850,
          commanderSubjectId: 'subject-co-2',
        },
        rotationCount: 1,
        latestEvaluation: {
          evaluationId: 'evaluation-1',
          evaluatedAt: '2014-03-01T00:00:00.000Z',
          rating: 'meets_standard',
          summary: 'Force commander evaluation',
        },
        evaluationCount: 1,
        commendationCount: 1,
        notificationCount: 0,
        responseCount: 0,
        lastPosition: 70,
      });
    });
  });

  describe('given a unit withdrawn in protest and returned', () => {
    it('says where it is, and counts it zero while it was gone', () => {
      const h = new LedgerHistory('2016-01-01T00:00:00.000Z');
      h.record('contingent-ken-batt', {
        type: 'ContingentRegistered',
        data: {
          contingentId: 'ken-batt',
          country: 'KEN',
          unitType: 'infantry_battalion',
          designation: 'KENBATT',
          missionCode: 'UNMISS',
          strength: 1000,
          deployedAt: '2016-01-15T00:00:00Z',
        },
      });
      h.record('contingent-ken-batt', {
        type: 'ContingentWithdrawn',
        data: {
          contingentId: 'ken-batt',
          at: '2016-11-09T00:00:00Z',
          by: 'contributing_country',
          reason: 'In protest',
        },
      });
      const gone = new Database(':memory:');
      project(gone, contingentsProjection, h.events);
      expect(getContingentState(gone, 'ken-batt')).toMatchObject({
        presence: {
          status: 'withdrawn',
          since: '2016-11-09T00:00:00Z',
          by: 'contributing_country',
          reason: 'In protest',
        },
      });
      h.record('contingent-ken-batt', {
        type: 'ContingentReturned',
        data: { contingentId: 'ken-batt', at: '2017-01-29T00:00:00Z', strength: 900 },
      });
      project(gone, contingentsProjection, h.events.slice(-1));
      const state = getContingentState(gone, 'ken-batt');
      expect(state).toMatchObject({
        strength: 900,
        presence: { status: 'deployed', since: '2017-01-29T00:00:00Z' },
      });
      expect(state?.strengthOverTime.map((p) => [p.from, p.to, p.strength, p.status])).toEqual([
        ['2016-01-15T00:00:00.000Z', '2016-11-09T00:00:00.000Z', 1000, 'deployed'],
        ['2016-11-09T00:00:00.000Z', '2017-01-29T00:00:00.000Z', 0, 'withdrawn'],
        ['2017-01-29T00:00:00.000Z', null, 900, 'deployed'],
      ]);
      expect(state).not.toHaveProperty('datedChanges');
      gone.close();
    });
  });

  describe('the list', () => {
    const idsOf = (page: { items: { contingentId: string }[] }) =>
      page.items.map((c) => c.contingentId);

    it('filters by country and by the mission it serves in now', () => {
      expect(idsOf(listContingents(db, { country: 'NPL' }))).toEqual(['npl-fpu']);
      expect(idsOf(listContingents(db, { mission: 'MINUSMA' }))).toEqual(['ner-batt', 'tcd-batt']);
      expect(idsOf(listContingents(db, { mission: 'AFISMA' }))).toEqual([]);
    });

    it('pages in the order of registration', () => {
      const first = listContingents(db, { limit: 2 });

      expect(idsOf(first)).toEqual(['ner-batt', 'tcd-batt']);
      expect(idsOf(listContingents(db, { limit: 2, after: first.next ?? undefined }))).toEqual([
        'npl-fpu',
      ]);
    });
  });
});

function register(h: LedgerHistory, contingentId: string, country: string, missionCode: string) {
  h.record(`contingent-${contingentId}`, {
    type: 'ContingentRegistered',
    data: {
      contingentId,
      country,
      unitType: 'infantry_battalion',
      designation: contingentId.toUpperCase(),
      missionCode,
      sector: 'North',
      strength: 800,
    },
  });
}
