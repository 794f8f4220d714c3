/** Milliseconds since the epoch of an ISO 8601 instant, or null when it does not parse. */
export function toMillis(iso: string | undefined | null): number | null {
  if (iso === undefined || iso === null) return null;
  const millis = Date.parse(iso);
  return Number.isNaN(millis) ? null : millis;
}

const MILLIS_PER_DAY = 86_400_000;

/** Days from one instant to another, to the hundredth; null when either is missing. */
export function daysBetween(from: string | null, to: string | null): number | null {
  const start = toMillis(from);
  const end = toMillis(to);
  if (start === null || end === null) return null;
  return Math.round(((end - start) / MILLIS_PER_DAY) * 100) / 100;
}

/** Milliseconds of a query's time bound; a bound that is not an instant is the caller's error. */
export function boundMillis(iso: string, field: string): number {
  const millis = toMillis(iso);
  if (millis === null) throw new RangeError(`${field} is not an ISO 8601 instant: ${iso}`);
  return millis;
}
