import { naturalId } from '../natural-ids';
import { UNIT_KINDS, type ContributedUnitType, type ContributionRow } from './contribution-row';

/**
 * Consecutive months a monthly report gave the same strength: the first day of the first month
 * to the first day after the last (a month's report holds for every day of the month).
 */
export interface StrengthRun {
  /** YYYY-MM-01 */
  from: string;
  /** YYYY-MM-01, the first day after the run. */
  to: string;
  strength: number;
  /** The row that reported its first month; 0 when the country was absent from that month's report. */
  line: number;
}

/** One contingent as the IPI file shows it: a country's personnel of one kind in one mission. */
export interface ContingentPlan {
  contingentId: string;
  /** `country:mission:unitType`, the natural key every id of the contingent derives from. */
  key: string;
  country: string;
  missionCode: string;
  unitType: ContributedUnitType;
  designation: string;
  /** From the first month with anyone of its kind there to the last month its mission was reported. */
  runs: StrengthRun[];
}

export const contingentKey = (country: string, missionCode: string, unitType: string): string =>
  `${country}:${missionCode}:${unitType}`;

export const contingentIdOf = (country: string, missionCode: string, unitType: string): string =>
  naturalId(`contingent:${contingentKey(country, missionCode, unitType)}`);

const monthKey = (date: string, country: string, missionCode: string) =>
  `${date}|${country}|${missionCode}`;

/** YYYY-MM-01 of a report dated YYYY-MM-DD (the last day of the month it reports on). */
export const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;

/** YYYY-MM-01 of the month after. */
export function nextMonthStart(date: string): string {
  const [year, month] = date.slice(0, 7).split('-').map(Number);
  const next = new Date(Date.UTC(year, month, 1));
  return next.toISOString().slice(0, 10);
}

/**
 * Turns monthly rows into contingents and runs of months at the same strength. A country
 * absent from a month in which its mission was reported had no one of any kind there
 * (strength 0). A month whose row was in the file but could not be read is known to nobody:
 * no run covers it. Nor does a month the mission was not reported in, nor any month after the
 * mission's last report: the file says nothing of them.
 */
export function planContingents(
  rows: readonly ContributionRow[],
  unreadableMonths: readonly { date: string; country: string; missionCode: string }[] = [],
): ContingentPlan[] {
  const reportedMonths = new Map<string, Set<string>>();
  const byCountryAndMission = new Map<string, Map<string, ContributionRow>>();
  for (const row of rows) {
    const months = reportedMonths.get(row.missionCode) ?? new Set<string>();
    reportedMonths.set(row.missionCode, months.add(row.date));
    const key = `${row.country}:${row.missionCode}`;
    const series = byCountryAndMission.get(key) ?? new Map<string, ContributionRow>();
    byCountryAndMission.set(key, series.set(row.date, row));
  }
  const unknown = new Set(unreadableMonths.map((m) => monthKey(m.date, m.country, m.missionCode)));
  const plans: ContingentPlan[] = [];
  for (const series of byCountryAndMission.values()) {
    const first = series.values().next().value as ContributionRow;
    const months = [...(reportedMonths.get(first.missionCode) ?? [])].sort();
    for (const kind of UNIT_KINDS) {
      const runs: StrengthRun[] = [];
      let open: StrengthRun | undefined;
      for (const date of months) {
        const from = monthStart(date);
        if (unknown.has(monthKey(date, first.country, first.missionCode))) {
          open = undefined;
          continue;
        }
        const row = series.get(date);
        const strength = row?.strengths[kind.unitType] ?? 0;
        if (runs.length === 0 && strength === 0) continue;
        if (open !== undefined && open.to === from && open.strength === strength) {
          open.to = nextMonthStart(date);
          continue;
        }
        open = { from, to: nextMonthStart(date), strength, line: row?.line ?? 0 };
        runs.push(open);
      }
      if (runs.length === 0) continue;
      const key = contingentKey(first.country, first.missionCode, kind.unitType);
      plans.push({
        contingentId: contingentIdOf(first.country, first.missionCode, kind.unitType),
        key,
        country: first.country,
        missionCode: first.missionCode,
        unitType: kind.unitType,
        designation: `${first.countryName} ${kind.label} in ${first.missionCode}`,
        runs,
      });
    }
  }
  return plans.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
