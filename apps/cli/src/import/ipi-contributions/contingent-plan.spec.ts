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

/** The strength each month as a reader replaying the plan's changes would see it. */
function replay(changes: { date: string; strength: number }[], months: string[]): number[] {
  let strength = 0;
  return months.map((month) => {
    const change = changes.find((c) => c.date === month);
    if (change) strength = change.strength;
    return strength;
  });
}

describe('Planning contingents from monthly contributions', () => {
  it('records exactly the months in which a strength changed, for any series', () => {
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
        const changes = plan?.changes ?? [];
        expect(replay(changes, MONTHS)).toEqual(troops);
        changes
          .slice(1)
          .forEach((change, i) => expect(change.strength).not.toBe(changes[i].strength));
        expect(changes[0].strength).toBeGreaterThan(0);
      }),
    );
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
