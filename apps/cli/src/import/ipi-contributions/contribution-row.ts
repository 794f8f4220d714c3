import type { UnitType } from '@blue-ledger/domain';
import type { CsvRecord } from '../csv-records';
import { missionEntry } from '../mission-table';
import { firstProblem, isCalendarDate, isCountryCode, parseCount } from '../source-values';

/** The four kinds of uniformed personnel the IPI file counts, and the unit type each becomes. */
export const UNIT_KINDS = [
  { column: 'Troops Total', unitType: 'infantry_battalion', label: 'troops' },
  {
    column: 'Formed Police Units Total',
    unitType: 'formed_police_unit',
    label: 'formed police unit',
  },
  {
    column: 'Experts on Mission Total',
    unitType: 'military_observers',
    label: 'experts on mission',
  },
  { column: 'Individual Police Total', unitType: 'other', label: 'individual police' },
] as const satisfies readonly { column: string; unitType: UnitType; label: string }[];

export type ContributedUnitType = (typeof UNIT_KINDS)[number]['unitType'];

export const CONTRIBUTION_COLUMNS = [
  'Date',
  'Contributor',
  'Contributor ISO-3',
  'Mission',
  ...UNIT_KINDS.map((kind) => kind.column),
];

/** One month of one country's personnel in one mission. */
export interface ContributionRow {
  line: number;
  /** The report's date, YYYY-MM-DD (the last day of the month). */
  date: string;
  country: string;
  countryName: string;
  missionCode: string;
  strengths: Record<ContributedUnitType, number>;
}

export type ParsedContribution =
  | { ok: true; row: ContributionRow }
  | { ok: false; reason: string; month?: { date: string; country: string; missionCode: string } };

export function parseContributionRow({ line, fields }: CsvRecord): ParsedContribution {
  const date = fields['Date'].trim();
  const country = fields['Contributor ISO-3'].trim();
  const missionCode = fields['Mission'].trim();
  const countryName = fields['Contributor'].trim();
  const counts = UNIT_KINDS.map((kind) => [kind, parseCount(fields[kind.column])] as const);
  const problem = firstProblem([
    ['Date', isCalendarDate(date), `"${date}" is not a date (YYYY-MM-DD)`],
    ['Contributor ISO-3', isCountryCode(country), `"${country}" is not an ISO 3166-1 alpha-3 code`],
    ['Contributor', countryName.length > 0, 'is empty'],
    [
      'Mission',
      missionEntry(missionCode) !== undefined,
      `"${missionCode}" is not in the mission table`,
    ],
    ...counts.map(
      ([kind, count]) =>
        [kind.column, count !== undefined, `"${fields[kind.column]}" is not a head count`] as [
          string,
          boolean,
          string,
        ],
    ),
  ]);
  if (problem !== undefined) {
    // The month is known even when a count is not: the planner must not read it as a withdrawal.
    const identified = isCalendarDate(date) && isCountryCode(country) && missionCode.length > 0;
    return {
      ok: false,
      reason: problem,
      ...(identified && { month: { date, country, missionCode } }),
    };
  }
  const strengths = Object.fromEntries(
    counts.map(([kind, count]) => [kind.unitType, count as number]),
  ) as Record<ContributedUnitType, number>;
  return { ok: true, row: { line, date, country, countryName, missionCode, strengths } };
}
