import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';

/**
 * The exact (Garwood, 1936) two-sided confidence interval for the mean of a Poisson count:
 * lower = χ²(α/2; 2k) / 2 (0 when k = 0), upper = χ²(1 − α/2; 2k + 2) / 2, from the chi-square
 * quantiles of stdlib (checked against published values in the spec). It covers the true mean
 * at least 1 − α of the time whatever it is, which approximate intervals do not for small counts.
 */
export function exactPoissonInterval(count: number, level = 0.95): [number, number] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
  const alpha = 1 - level;
  const lower = count === 0 ? 0 : chisquareQuantile(alpha / 2, 2 * count) / 2;
  const upper = chisquareQuantile(1 - alpha / 2, 2 * count + 2) / 2;
  return [lower, upper];
}

/** A count per 1,000 person-years, with its exact 95% interval; null without exposure. */
export interface Rate {
  per1000: number;
  interval95: [number, number];
}

export function rateOf(count: number, personYears: number): Rate | null {
  if (!(personYears > 0)) return null;
  const [lower, upper] = exactPoissonInterval(count);
  const per = (n: number) => round((n / personYears) * 1000, 4);
  return { per1000: per(count), interval95: [per(lower), per(upper)] };
}

export const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};
