import { exactPoissonInterval, rateOf } from './poisson-interval';

/**
 * Published exact (Garwood) 95% limits for a Poisson count: e.g. Ulm (1990), Am J Epidemiol
 * 131(2):373-375, table; Sahai & Khurshid (1993); R's poisson.test(k)$conf.int.
 */
const PUBLISHED: [number, number, number][] = [
  [0, 0, 3.689],
  [1, 0.0253, 5.572],
  [2, 0.2422, 7.225],
  [5, 1.623, 11.668],
  [10, 4.795, 18.39],
  [50, 37.11, 65.92],
  [1000, 938.97, 1064.12],
];

describe('The exact Poisson 95% interval', () => {
  /** Agreeing with a published value means rounding to it: as many decimals as it shows. */
  const decimals = (value: number) => (String(value).split('.')[1] ?? '').length;

  it.each(PUBLISHED)(
    'for %i events is [%f, %f], to the decimals published',
    (count, lower, upper) => {
      const [lo, hi] = exactPoissonInterval(count);
      expect(lo).toBeCloseTo(lower, decimals(lower));
      expect(hi).toBeCloseTo(upper, decimals(upper));
    },
  );

  it('holds its count, and widens relative to it as the count falls', () => {
    let previous = Infinity;
    for (let count = 1; count <= 200; count += 1) {
      const [lo, hi] = exactPoissonInterval(count);
      expect(lo).toBeLessThan(count);
      expect(hi).toBeGreaterThan(count);
      const relative = (hi - lo) / count;
      expect(relative).toBeLessThan(previous);
      previous = relative;
    }
  });

  it('refuses what is not a count', () => {
    expect(() => exactPoissonInterval(-1)).toThrow(RangeError);
    expect(() => exactPoissonInterval(1.5)).toThrow(RangeError);
  });

  it('gives a rate per 1,000 person-years with the interval scaled alike, and none without exposure', () => {
    expect(rateOf(5, 500)).toEqual({ per1000: 10, interval95: [3.247, 23.3367] });
    expect(rateOf(0, 0)).toBeNull();
  });
});
