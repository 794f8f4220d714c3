import fc from 'fast-check';
import { planContingents } from './contingent-plan';
import type { ContributionRow } from './contribution-row';

const MONTHS = ['2012-01-31', '2012-02-29', '2012-03-31', '2012-04-30', '2012-05-31', '2012-06-30'];

const row = (date: string, country: string, troops: number, line = 0): ContributionRow => ({
  line,
  date,
  country,
  countryName: country,
  missionCode: 'UNMISS',
  strengths: {
    infantry_battalion: troops,
    formed_police_unit: 0,
    military_observers: 0,
    other: 0,
  },
});

/** The strength each month as the plan's runs give it: null where no run covers the month. */
function replay(runs: { from: string; to: string; strength: number }[], months: string[]) {
  return months.map((month) => {
    const day = `${month.slice(0, 7)}-15`;
    return runs.find((r) => r.from <= day && day < r.to)?.strength ?? null;
  });
}

describe('Planning contingents from monthly contributions', () => {
  it('covers every month from the first with anyone there to the last reported, in runs of equal strength, for any series', () => {
    const series = fc.array(fc.integer({ min: 0, max: 3 }), {
      minLength: MONTHS.length,
      maxLength: MONTHS.length,
    });
    fc.assert(
      fc.property(series, (troops) => {
        // Another country reports every month, so every month is a month of the mission.
        const rows = MONTHS.flatMap((month, i) => [
          row(month, 'GHA', 1),
          row(month, 'NPL', troops[i]),
        ]);
        const plan = planContingents(rows).find((p) => p.country === 'NPL');
        if (troops.every((t) => t === 0)) return expect(plan).toBeUndefined();
        const runs = plan?.runs ?? [];
        const first = troops.findIndex((t) => t > 0);
        expect(replay(runs, MONTHS)).toEqual(troops.map((t, i) => (i < first ? null : t)));
        runs.slice(1).forEach((run, i) => {
          expect(run.from).toBe(runs[i].to);
          expect(run.strength).not.toBe(runs[i].strength);
        });
        expect(runs[0].strength).toBeGreaterThan(0);
      }),
    );
  });

  it('dates a monthly report from the first day of the month it reports on to the first day of the next', () => {
    const [plan] = planContingents([row('2012-02-29', 'NPL', 850), row('2012-03-31', 'NPL', 850)]);
    expect(plan.runs).toEqual([{ from: '2012-02-01', to: '2012-04-01', strength: 850, line: 0 }]);
  });

  it('leaves uncovered a month whose row could not be read, and every month after the mission’s last report', () => {
    const rows = MONTHS.map((month) => row(month, 'NPL', 10));
    const unreadable = [{ date: MONTHS[2], country: 'NPL', missionCode: 'UNMISS' }];
    const [plan] = planContingents(rows, unreadable);
    expect(plan.runs.map((r) => [r.from, r.to])).toEqual([
      ['2012-01-01', '2012-03-01'],
      ['2012-04-01', '2012-07-01'],
    ]);
  });

  it('makes no contingent of a kind of personnel the country never sent', () => {
    const plans = planContingents([row(MONTHS[0], 'NPL', 850)]);
    expect(plans.map((p) => p.unitType)).toEqual(['infantry_battalion']);
  });

  it('derives the same contingent id from the same country, mission and kind', () => {
    const [first] = planContingents([row(MONTHS[0], 'NPL', 850)]);
    const [second] = planContingents([row(MONTHS[3], 'NPL', 12)]);
    expect(first.contingentId).toBe(second.contingentId);
  });
});
