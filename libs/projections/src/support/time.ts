const ZERO = 48;
const digits = (text: string, from: number, count: number): number => {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
};

let cachedDay = '';
let cachedDayMillis = 0;

/**
 * `2016-07-11T15:00:00.000Z` (the form the ledger stamps), read without `Date.parse`, which is
 * slow enough to show when rebuilding a million events; NaN when the text has another form.
 */
function utcInstantMillis(iso: string): number {
  const length = iso.length;
  if (length < 20 || iso[10] !== 'T' || iso[length - 1] !== 'Z') return NaN;
  const day = iso.slice(0, 10);
  if (day !== cachedDay) {
    const month = digits(iso, 5, 2);
    const date = digits(iso, 8, 2);
    if (iso[4] !== '-' || iso[7] !== '-' || !(month >= 1 && month <= 12)) return NaN;
    if (!(date >= 1 && date <= 31)) return NaN;
    const at = Date.UTC(digits(iso, 0, 4), month - 1, date);
    if (Number.isNaN(at)) return NaN;
    cachedDay = day;
    cachedDayMillis = at;
  }
  const hours = digits(iso, 11, 2);
  const minutes = digits(iso, 14, 2);
  const seconds = digits(iso, 17, 2);
  if (iso[13] !== ':' || iso[16] !== ':' || hours > 23 || minutes > 59 || seconds > 59) return NaN;
  let millis = 0;
  if (length > 20) {
    if (iso[19] !== '.' || length === 21) return NaN;
    const fraction = iso.slice(20, Math.min(23, length - 1)).padEnd(3, '0');
    millis = digits(fraction, 0, 3);
    if (length > 24 && Number.isNaN(digits(iso, 23, length - 24))) return NaN;
  }
  return cachedDayMillis + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/** Milliseconds since the epoch of an ISO 8601 instant, or null when it does not parse. */
export function toMillis(iso: string | undefined | null): number | null {
  if (iso === undefined || iso === null) return null;
  const utc = utcInstantMillis(iso);
  if (!Number.isNaN(utc)) return utc;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? null : parsed;
}

/** Milliseconds of a query's time bound; a bound that is not an instant is the caller's error. */
export function boundMillis(iso: string, field: string): number {
  const millis = toMillis(iso);
  if (millis === null) throw new RangeError(`${field} is not an ISO 8601 instant: ${iso}`);
  return millis;
}
