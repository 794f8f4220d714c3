import { naturalId } from '../natural-ids';
import { UNIT_KINDS, type ContributedUnitType, type ContributionRow } from './contribution-row';

/** A change of a contingent's strength, as of a monthly report. */
export interface StrengthChange {
  date: string;
  strength: number;
  /** The row that reported it; 0 when the country was absent from that month's report. */
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
  /** The first is its deployment; each later one a month in which the strength changed. */
  changes: StrengthChange[];
}

export const contingentKey = (country: string, missionCode: string, unitType: string): string =>
  `${country}:${missionCode}:${unitType}`;

export const contingentIdOf = (country: string, missionCode: string, unitType: string): string =>
  naturalId(`contingent:${contingentKey(country, missionCode, unitType)}`);

const monthKey = (date: string, country: string, missionCode: string) =>
  `${date}|${country}|${missionCode}`;

/**
 * Turns monthly rows into contingents and the months in which their strength changed. A
 * country absent from a month in which its mission was reported had no one of any kind there
 * (strength 0), unless that month's row was in the file but could not be read: then nothing
 * is known of that month, and the strength stands as it was.
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
      const changes: StrengthChange[] = [];
      for (const date of months) {
        if (unknown.has(monthKey(date, first.country, first.missionCode))) continue;
        const row = series.get(date);
        const strength = row?.strengths[kind.unitType] ?? 0;
        const previous = changes.at(-1)?.strength;
        if (previous === undefined ? strength > 0 : strength !== previous) {
          changes.push({ date, strength, line: row?.line ?? 0 });
        }
      }
      if (changes.length === 0) continue;
      const key = contingentKey(first.country, first.missionCode, kind.unitType);
      plans.push({
        contingentId: contingentIdOf(first.country, first.missionCode, kind.unitType),
        key,
        country: first.country,
        missionCode: first.missionCode,
        unitType: kind.unitType,
        designation: `${first.countryName} ${kind.label} in ${first.missionCode}`,
        changes,
      });
    }
  }
  return plans.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
