/** [from, to) in milliseconds since the epoch. */
export interface Interval {
  from: number;
  to: number;
}

/** The parts of `whole` that none of `covered` covers, in order. */
export function uncoveredParts(whole: Interval, covered: readonly Interval[]): Interval[] {
  const parts: Interval[] = [];
  let at = whole.from;
  const overlapping = covered
    .filter((c) => c.to > whole.from && c.from < whole.to)
    .sort((a, b) => a.from - b.from);
  for (const c of overlapping) {
    if (c.from > at) parts.push({ from: at, to: Math.min(c.from, whole.to) });
    at = Math.max(at, c.to);
    if (at >= whole.to) break;
  }
  if (at < whole.to) parts.push({ from: at, to: whole.to });
  return parts;
}
