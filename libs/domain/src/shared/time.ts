import { RuleViolation } from './errors';

// Date, time (seconds and fraction optional) and a zone: Z or ±hh:mm. No zone, no instant.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function isRealCalendarDay(year: number, month: number, day: number): boolean {
  // Date.parse accepts 2024-02-30 and rolls it over into March; the ledger must not.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True when `value` is an ISO 8601 date-time with a zone that names a real instant. */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_INSTANT.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] =
    match.slice(1);
  return (
    isRealCalendarDay(Number(year), Number(month), Number(day)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 23 &&
    Number(offsetMinutes) <= 59
  );
}

/**
 * Returns `value` unchanged when it is an ISO 8601 instant with a zone; otherwise throws a
 * RuleViolation (`invalid_time`) naming the field. The text is kept as given: the offset
 * says where the reporter stood, which is part of the record.
 */
export function requireIsoInstant(value: string, field: string): string {
  if (!isIsoInstant(value)) {
    throw new RuleViolation(
      'invalid_time',
      `${field} must be an ISO 8601 date-time with a zone, e.g. 2016-07-10T18:30:00+03:00`,
      field,
    );
  }
  return value;
}
