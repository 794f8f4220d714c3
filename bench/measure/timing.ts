/** Seconds elapsed since `start` (from `process.hrtime.bigint()`). */
export const secondsSince = (start: bigint): number =>
  Number(process.hrtime.bigint() - start) / 1e9;

export const perSecond = (count: number, seconds: number): number =>
  seconds > 0 ? count / seconds : 0;

/** A measured rate and the baseline it is judged against, from the same run on the same data. */
export interface RatedFigure {
  perSecond: number;
  baselinePerSecond: number;
  /** perSecond / baselinePerSecond. */
  ratio: number;
  /** The ratio to reach; null for a figure shown for information. */
  target: number | null;
  met: boolean | null;
}

export function rated(
  perSecondValue: number,
  baselinePerSecond: number,
  target: number | null,
): RatedFigure {
  const ratio = baselinePerSecond > 0 ? perSecondValue / baselinePerSecond : 0;
  return {
    perSecond: perSecondValue,
    baselinePerSecond,
    ratio,
    target,
    met: target === null ? null : ratio >= target,
  };
}
