import type { CountedRate, CountryRow, FairnessAnswer } from '@blue-ledger/projections';

/** The figures a rate chart can show, as the page's `figure` names them. */
export const RATE_FIGURES = {
  findings: 'Findings attributed to its units',
  incidentsPresent: 'Incidents its units were present at',
  namings: 'Namings',
  repatriationRecommendations: 'Recommendations to repatriate',
  implementedRepatriations: 'Repatriations carried out',
  commendations: 'Commendations',
} as const;
export type RateFigure = keyof typeof RATE_FIGURES;

export interface RateDot {
  country: string;
  count: number;
  per1000: number | null;
  low: number | null;
  high: number | null;
  fewEvents: boolean;
  exposure: string;
  /** Drawn: the row's y, the dot's and whisker's x (null when there is no rate). */
  y: number;
  x: number | null;
  x1: number | null;
  x2: number | null;
}

export interface RateChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: { x: number; label: string }[];
  dots: RateDot[];
}

const ROW = 26;

/**
 * The dot-and-whisker chart of one figure's rate per 1,000 person-years by country: the dot
 * the rate, the whisker its exact Poisson 95% interval, on a linear scale from 0 to the largest
 * upper bound. Pure layout: the template draws it, the table beside it says the same.
 */
export function rateChart(rows: CountryRow[], figure: RateFigure): RateChart {
  // Narrow, so that the chart, scaled to its half of the panel (or to a 360 px screen), keeps
  // its labels readable: at 640 they were drawn at 5 to 7 px.
  const width = 360;
  const plot = { left: 64, right: width - 24, top: 12, bottom: 12 + rows.length * ROW };
  const figures = rows.map((row) => [row, row[figure] as CountedRate] as const);
  const max = Math.max(0, ...figures.map(([, f]) => f.rate?.interval95[1] ?? 0));
  const top = max > 0 ? niceCeiling(max) : 1;
  const x = (value: number) =>
    Math.round((plot.left + (value / top) * (plot.right - plot.left)) * 10) / 10;
  const dots = figures.map(([row, f], i) => ({
    country: row.country,
    count: f.count,
    per1000: f.rate?.per1000 ?? null,
    low: f.rate?.interval95[0] ?? null,
    high: f.rate?.interval95[1] ?? null,
    fewEvents: f.fewEvents,
    exposure: row.personYears.exposure,
    y: plot.top + i * ROW + ROW / 2,
    x: f.rate === null ? null : x(f.rate.per1000),
    x1: f.rate === null ? null : x(f.rate.interval95[0]),
    x2: f.rate === null ? null : x(f.rate.interval95[1]),
  }));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => ({
    x: x(top * t),
    label: formatTick(top * t),
  }));
  return { width, height: plot.bottom + 28, plot, ticks, dots };
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function formatTick(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 100) / 100);
}

export interface SharedSegment {
  level: string;
  count: number;
  share: number | null;
  x: number;
  width: number;
  /** Which of the bar's fills (cycled) the segment takes. */
  fill: number;
}

/**
 * The shared-responsibility bar: each level's share of the findings as a segment. A finding
 * attributed at several levels counts at each, so the segments are scaled to their sum.
 */
export function sharedBar(answer: FairnessAnswer): { width: number; segments: SharedSegment[] } {
  const width = 640;
  const entries = Object.entries(answer.sharedResponsibility.byLevel).filter(
    ([, s]) => s.count > 0,
  );
  const total = entries.reduce((sum, [, s]) => sum + s.count, 0);
  let x = 0;
  const segments = entries.map(([level, s], i) => {
    const w = total === 0 ? 0 : Math.round((s.count / total) * width * 10) / 10;
    const segment = { level, count: s.count, share: s.share, x, width: w, fill: i % 7 };
    x += w;
    return segment;
  });
  return { width, segments };
}
