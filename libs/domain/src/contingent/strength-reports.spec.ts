import { CommandMeta, foldEvents } from '../shared';
import { contingentDecider, type ReportContingentStrength } from './contingent.decider';
import type { ContingentEvent, ContingentStrengthReported } from './contingent.events';
import { strengthOverTime, withDatedChangeOf, type DatedChange } from './strength-over-time';

const meta: CommandMeta = { now: '2025-01-01T00:00:00Z', actor: { id: 'importer', role: 'admin' } };
const contingentId = 'geo-pko-ken-unmiss';

const registered: ContingentEvent = {
  type: 'ContingentRegistered',
  data: {
    contingentId,
    country: 'KEN',
    unitType: 'infantry_battalion',
    designation: 'Kenya troops in UNMISS',
    missionCode: 'UNMISS',
  },
};

const report = (
  data: Partial<ReportContingentStrength['data']> = {},
): ReportContingentStrength => ({
  type: 'ReportContingentStrength',
  data: {
    reportId: 'geo-pko:KEN:UNMISS:2016',
    source: 'geo-pko',
    from: '2016-01-01T00:00:00Z',
    to: '2017-01-01T00:00:00Z',
    strength: 800,
    locations: [
      { name: 'Juba', strength: 650 },
      { name: 'Malakal', strength: 150 },
    ],
    ...data,
  },
  meta,
});

const given = (...events: ContingentEvent[]) => ({
  when: (command: ReportContingentStrength) => () =>
    contingentDecider.decide(command, foldEvents(contingentDecider, events)),
});

const reported = (data: Partial<ContingentStrengthReported['data']>): ContingentEvent => ({
  type: 'ContingentStrengthReported',
  data: {
    contingentId,
    reportId: 'r',
    source: 'geo-pko',
    from: '2016-01-01T00:00:00Z',
    to: '2017-01-01T00:00:00Z',
    strength: 800,
    ...data,
  },
});

const periodsOf = (...events: ContingentEvent[]) => {
  let changes: readonly DatedChange[] = [];
  for (const event of events) changes = withDatedChangeOf(changes, event);
  return strengthOverTime({ missionCode: 'UNMISS' }, changes);
};

describe('A contingent whose strength a data set reports', () => {
  describe('given a registered unit', () => {
    it('records the figure for the period it holds for, with the places and the source', () => {
      expect(given(registered).when(report())()).toEqual([
        {
          type: 'ContingentStrengthReported',
          occurredAt: '2016-01-01T00:00:00Z',
          data: {
            contingentId,
            reportId: 'geo-pko:KEN:UNMISS:2016',
            source: 'geo-pko',
            from: '2016-01-01T00:00:00Z',
            to: '2017-01-01T00:00:00Z',
            strength: 800,
            locations: [
              { name: 'Juba', strength: 650 },
              { name: 'Malakal', strength: 150 },
            ],
          },
        },
      ]);
    });

    it('records a unit that was there at a size the source does not give as present with no strength', () => {
      const [event] = given(registered).when(
        report({ strength: null, locations: [{ name: 'Bor', strength: null }] }),
      )();
      expect(event.data).toMatchObject({
        strength: null,
        locations: [{ name: 'Bor', strength: null }],
      });
    });

    it('counts only the known parts when some places have no size', () => {
      const [event] = given(registered).when(
        report({
          strength: 650,
          locations: [
            { name: 'Juba', strength: 650 },
            { name: 'Bor', strength: null },
          ],
        }),
      )();
      expect(event.data).toMatchObject({ strength: 650 });
    });

    it.each([
      [
        'a strength that is not the sum of the known parts',
        { strength: 900 },
        'strength_not_sum_of_locations',
      ],
      ['a period that ends before it starts', { to: '2015-12-31T00:00:00Z' }, 'empty_period'],
      ['a source that is not a data set name', { source: 'Geo PKO' }, 'invalid_source'],
      ['a negative strength', { strength: -1, locations: undefined }, 'invalid_count'],
      [
        'a place named twice',
        {
          locations: [
            { name: 'Juba', strength: 400 },
            { name: 'Juba', strength: 400 },
          ],
        },
        'duplicate_location',
      ],
    ])('refuses %s', (_, data, code) => {
      expect(
        given(registered).when(report(data as Partial<ReportContingentStrength['data']>)),
      ).toThrow(expect.objectContaining({ code }));
    });

    it('refuses the same report twice', () => {
      const [first] = given(registered).when(report())();
      expect(given(registered, first).when(report())).toThrow(
        expect.objectContaining({ code: 'report_exists' }),
      );
    });

    it('refuses a report dated while the unit was withdrawn', () => {
      const withdrawn: ContingentEvent = {
        type: 'ContingentWithdrawn',
        data: {
          contingentId,
          at: '2015-06-01T00:00:00Z',
          by: 'contributing_country',
          reason: 'End of deployment',
        },
      };
      expect(given(registered, withdrawn).when(report())).toThrow(
        expect.objectContaining({ code: 'contingent_not_deployed' }),
      );
    });
  });

  describe('its strength over time', () => {
    it('holds each figure for its period only, and says nothing after the last', () => {
      expect(
        periodsOf(
          registered,
          reported({
            reportId: 'a',
            from: '2016-01-01T00:00:00Z',
            to: '2017-01-01T00:00:00Z',
            strength: 800,
          }),
          reported({
            reportId: 'b',
            from: '2017-01-01T00:00:00Z',
            to: '2018-01-01T00:00:00Z',
            strength: null,
          }),
        ),
      ).toEqual([
        {
          from: '2016-01-01T00:00:00.000Z',
          to: '2017-01-01T00:00:00.000Z',
          strength: 800,
          missionCode: 'UNMISS',
          status: 'deployed',
          source: 'geo-pko',
        },
        {
          from: '2017-01-01T00:00:00.000Z',
          to: '2018-01-01T00:00:00.000Z',
          strength: null,
          missionCode: 'UNMISS',
          status: 'deployed',
          source: 'geo-pko',
        },
      ]);
    });

    it('leaves a gap between reports that do not meet, and merges reports that do with the same figure', () => {
      expect(
        periodsOf(
          registered,
          reported({
            reportId: 'a',
            from: '2012-01-01T00:00:00Z',
            to: '2012-02-01T00:00:00Z',
            strength: 5,
            source: 'ipi-contributions',
          }),
          reported({
            reportId: 'b',
            from: '2012-02-01T00:00:00Z',
            to: '2012-03-01T00:00:00Z',
            strength: 5,
            source: 'ipi-contributions',
          }),
          reported({
            reportId: 'c',
            from: '2012-05-01T00:00:00Z',
            to: '2012-06-01T00:00:00Z',
            strength: 7,
            source: 'ipi-contributions',
          }),
        ).map((p) => [p.from.slice(0, 10), p.to?.slice(0, 10), p.strength]),
      ).toEqual([
        ['2012-01-01', '2012-03-01', 5],
        ['2012-05-01', '2012-06-01', 7],
      ]);
    });

    it('lets the ledger’s own later record take over from a report, which then ends nothing', () => {
      const rotated: ContingentEvent = {
        type: 'ContingentRotated',
        data: { contingentId, rotationId: 'r-1', startedAt: '2016-07-01T00:00:00Z', strength: 850 },
      };
      expect(
        periodsOf(registered, reported({ reportId: 'a' }), rotated).map((p) => [
          p.from.slice(0, 10),
          p.to?.slice(0, 10) ?? null,
          p.strength,
          p.source ?? 'ledger',
        ]),
      ).toEqual([
        ['2016-01-01', '2016-07-01', 800, 'geo-pko'],
        ['2016-07-01', null, 850, 'ledger'],
      ]);
    });
  });
});
