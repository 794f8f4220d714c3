import type { CsvRecord } from '../csv-records';
import { firstProblem, isCalendarDate, isCountryCode } from '../source-values';

export const FATALITY_COLUMNS = [
  'incident_date',
  'casualty_id',
  'mission_acronym',
  'casualty_personnel_type',
  'type_of_incident',
  'isocode3',
];

export const MALICIOUS_ACT = 'Malicious Act';

/** Uniformed personnel serve in contingents; civilian and local staff do not. */
export const UNIFORMED_PERSONNEL = ['Military', 'Military Observer', 'Police'];

/** One person's death as the UN's fatalities file records it. */
export interface FatalityRow {
  line: number;
  casualtyId: string;
  /** YYYY-MM-DD. */
  date: string;
  missionAcronym: string;
  personnelType: string;
  incidentType: string;
  /** ISO 3166-1 alpha-3 of the person's nationality; absent when undetermined. */
  country?: string;
}

export type ParsedFatality = { ok: true; row: FatalityRow } | { ok: false; reason: string };

export function parseFatalityRow({ line, fields }: CsvRecord): ParsedFatality {
  const date = fields['incident_date'].trim();
  const casualtyId = fields['casualty_id'].trim();
  const missionAcronym = fields['mission_acronym'].trim();
  const incidentType = fields['type_of_incident'].trim();
  const country = fields['isocode3'].trim();
  const problem = firstProblem([
    ['incident_date', isCalendarDate(date), `"${date}" is not a date (YYYY-MM-DD)`],
    ['casualty_id', casualtyId.length > 0, 'is empty'],
    ['mission_acronym', missionAcronym.length > 0, 'is empty'],
    ['type_of_incident', incidentType.length > 0, 'is empty'],
    [
      'isocode3',
      country === '' || isCountryCode(country),
      `"${country}" is not an ISO 3166-1 alpha-3 code`,
    ],
  ]);
  if (problem !== undefined) return { ok: false, reason: problem };
  return {
    ok: true,
    row: {
      line,
      casualtyId,
      date,
      missionAcronym,
      personnelType: fields['casualty_personnel_type'].trim(),
      incidentType,
      ...(country !== '' && { country }),
    },
  };
}
