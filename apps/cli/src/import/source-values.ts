import { MISSION_CODE } from '@blue-ledger/domain';

/** The reason a field of a source row cannot be used; `undefined` when it can. */
export type FieldProblem = string | undefined;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD that exists (no 2013-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** The instant the ledger records for a source that only gives a day: its start, in UTC. */
export const startOfDay = (date: string): string => `${date}T00:00:00Z`;

export const isCountryCode = (text: string): boolean => /^[A-Z]{3}$/.test(text);

export const isMissionCode = (text: string): boolean => MISSION_CODE.test(text);

/** A head count: a non-negative whole number written in digits. */
export function parseCount(text: string): number | undefined {
  if (!/^\d{1,7}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** The first problem among `checks`, each a field name and whether its value is acceptable. */
export function firstProblem(checks: readonly [string, boolean, string][]): FieldProblem {
  const failed = checks.find(([, ok]) => !ok);
  return failed === undefined ? undefined : `${failed[0]} ${failed[2]}`;
}
