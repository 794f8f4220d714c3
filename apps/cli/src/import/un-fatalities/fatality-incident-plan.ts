import { naturalId } from '../natural-ids';
import { startOfDay } from '../source-values';
import { UNIFORMED_PERSONNEL, type FatalityRow } from './fatality-row';

/** The deaths of one day in one mission from malicious acts: one incident for the ledger. */
export interface FatalityIncidentPlan {
  incidentId: string;
  /** `mission:date`, the natural key the incident's ids derive from. */
  key: string;
  missionCode: string;
  occurredAt: string;
  /** Distinct casualties (the file lists a few people twice, under two nationalities). */
  peacekeepersKilled: number;
  /** Nationalities of the uniformed personnel killed: their contingents were involved. */
  contingentCountries: string[];
  summary: string;
  lines: number[];
}

/** Groups malicious-act deaths by mission and day, in the order of the day. */
export function planFatalityIncidents(rows: readonly FatalityRow[]): FatalityIncidentPlan[] {
  const groups = new Map<string, FatalityRow[]>();
  for (const row of rows) {
    const key = `${row.missionAcronym}:${row.date}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => planOf(key, group));
}

function planOf(key: string, group: FatalityRow[]): FatalityIncidentPlan {
  const { missionAcronym: missionCode, date } = group[0];
  const casualties = new Map(group.map((row) => [row.casualtyId, row]));
  const contingentCountries = [...casualties.values()]
    .filter((row) => row.country !== undefined && UNIFORMED_PERSONNEL.includes(row.personnelType))
    .map((row) => row.country as string);
  return {
    incidentId: naturalId(`incident:un-fatalities:${key}`),
    key,
    missionCode,
    occurredAt: startOfDay(date),
    peacekeepersKilled: casualties.size,
    contingentCountries: [...new Set(contingentCountries)].sort(),
    summary: summaryOf(missionCode, date, [...casualties.values()]),
    lines: group.map((row) => row.line),
  };
}

/** E.g. "Malicious act in MINUSMA on 2014-10-03: 9 killed (9 Military (NER)). Source: ..." */
function summaryOf(missionCode: string, date: string, casualties: FatalityRow[]): string {
  const counts = new Map<string, number>();
  for (const row of casualties) {
    const who = `${row.personnelType || 'personnel'} (${row.country ?? 'nationality undetermined'})`;
    counts.set(who, (counts.get(who) ?? 0) + 1);
  }
  const breakdown = [...counts.entries()].map(([who, count]) => `${count} ${who}`).join(', ');
  return (
    `Malicious act in ${missionCode} on ${date}: ${casualties.length} killed (${breakdown}). ` +
    'Source: UN peacekeeping fatalities (DPPA/DPO open data).'
  );
}
