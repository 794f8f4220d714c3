/**
 * Calendar arithmetic for deadlines, in days of a fixed UTC offset (the one a deadline's
 * starting instant was written in: where the notifier stood). A day is an integer, the number
 * of days since 1970-01-01 in that offset. Working days are Monday to Friday; public holidays
 * are not counted, for no calendar of them is shared by every contributing country.
 */

export const DAY_MS = 86_400_000;

/** The UTC offset an ISO 8601 instant was written in, in minutes (`Z` is 0). */
export function offsetMinutesOf(iso: string): number {
  const zone = /(Z|([+-])(\d{2}):?(\d{2}))$/.exec(iso);
  if (zone === null) throw new RangeError(`not an instant with a zone: ${iso}`);
  if (zone[1] === 'Z') return 0;
  const minutes = Number(zone[3]) * 60 + Number(zone[4]);
  return zone[2] === '-' ? -minutes : minutes;
}

/** The day an instant falls on, in the given offset. */
export function dayOf(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * 60_000) / DAY_MS);
}

/** The first instant of a day in the given offset. */
export function startOfDay(day: number, offsetMinutes: number): number {
  return day * DAY_MS - offsetMinutes * 60_000;
}

/** 0 for Sunday to 6 for Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWorkingDay(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday >= 1 && weekday <= 5;
}

/** The `n`-th working day after `day` (n ≥ 1): Wednesday + 5 is next Wednesday. */
export function addWorkingDays(day: number, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`count working days from 1: ${n}`);
  const weeks = Math.floor((n - 1) / 5);
  let current = day + weeks * 7;
  let left = n - weeks * 5;
  while (left > 0) {
    current += 1;
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** How many working days fall after `from` and up to `to`, both days included only at `to`. */
export function workingDaysBetween(from: number, to: number): number {
  if (to <= from) return 0;
  const span = to - from;
  const weeks = Math.floor(span / 7);
  let count = weeks * 5;
  for (let day = from + weeks * 7 + 1; day <= to; day++) if (isWorkingDay(day)) count += 1;
  return count;
}

/** An instant written in the given offset, e.g. `2021-06-17T00:00:00-04:00`. */
export function instantInOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
