import { distribution, median, passes } from './follow-through-view';

describe('follow-through view', () => {
  it('takes the median of an odd or even count, and none of nothing', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('bins the days from incident to decision', () => {
    const bars = distribution([10, 40, 100, 120, 400]).bars;
    expect(bars.map((b) => b.count)).toEqual([1, 1, 2, 0, 1]);
    expect(bars[2].height).toBeGreaterThan(bars[0].height);
  });

  it('filters by the mission and country of the unit', () => {
    const names = new Map([
      [
        'u1',
        {
          contingentId: 'u1',
          designation: 'Ethiopian battalion',
          country: 'ETH',
          missionCode: 'UNMISS',
        },
      ],
    ]);
    expect(passes({ contingentId: 'u1' }, names, { country: 'ETH' })).toBe(true);
    expect(passes({ contingentId: 'u1' }, names, { country: 'IND' })).toBe(false);
    expect(passes({ contingentId: 'u1' }, names, { mission: 'MINUSCA' })).toBe(false);
    expect(
      passes({ contingentId: null, missionCode: 'UNMISS' }, names, { mission: 'UNMISS' }),
    ).toBe(true);
    expect(passes({ contingentId: null, missionCode: 'UNMISS' }, names, { country: 'KEN' })).toBe(
      false,
    );
  });
});
