import type { CsvRecord } from '../csv-records';
import { missionEntry } from '../mission-table';
import { isMissionCode } from '../source-values';

export const GEO_PKO_COLUMNS = [
  'mission',
  'year',
  'location',
  'latitude',
  'longitude',
  'year.overview',
];

/** Acronyms Geo-PKO writes with a space, which a mission code cannot hold. */
const MISSION_CODES: Readonly<Record<string, string>> = {
  'UNAVEM III': 'UNAVEM-III',
  'UNOSOM II': 'UNOSOM-II',
};

/** One contributor at one place in one year: `Gabon (650)`, or `Indonesia (size unknown)`. */
export interface Deployment {
  contributor: string;
  /** null: "size unknown", the unit was there at a size the dataset does not give. */
  size: number | null;
}

/** One row: a mission's place in a year, and who was there. */
export interface GeoPkoRow {
  line: number;
  missionCode: string;
  year: number;
  location: string;
  latitude: string;
  longitude: string;
  deployments: Deployment[];
}

export type ParsedGeoPkoRow = { ok: true; row: GeoPkoRow } | { ok: false; reason: string };

/** Splits `year.overview` at the commas outside parentheses: "Korea (ROK) (150), Sri Lanka (950)". */
export function splitOverview(overview: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of overview) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/** `Name (size)`: the last parenthesis is the size, a head count or "size unknown". */
export function parseDeployment(text: string): Deployment | string {
  const match = /^(.*\S)\s*\(([^()]*)\)$/.exec(text);
  if (match === null) return `"${text}" is not "Country (size)"`;
  const [, contributor, size] = match;
  if (size.trim() === 'size unknown') return { contributor, size: null };
  if (!/^\d{1,6}$/.test(size.trim())) return `"${text}": "${size}" is not a size`;
  return { contributor, size: Number(size) };
}

export function parseGeoPkoRow({ line, fields }: CsvRecord): ParsedGeoPkoRow {
  const acronym = fields['mission'].trim();
  const missionCode = MISSION_CODES[acronym] ?? acronym;
  if (!isMissionCode(missionCode) || missionEntry(missionCode) === undefined) {
    return { ok: false, reason: `mission "${acronym}" is not in the mission table` };
  }
  const yearText = fields['year'].trim();
  if (!/^(19|20)\d\d$/.test(yearText))
    return { ok: false, reason: `year "${yearText}" is not a year` };
  const location = fields['location'].trim();
  if (location === '') return { ok: false, reason: 'location is empty' };
  const deployments: Deployment[] = [];
  for (const part of splitOverview(fields['year.overview'])) {
    const deployment = parseDeployment(part);
    if (typeof deployment === 'string') return { ok: false, reason: `year.overview ${deployment}` };
    deployments.push(deployment);
  }
  if (deployments.length === 0) return { ok: false, reason: 'year.overview names no one' };
  return {
    ok: true,
    row: {
      line,
      missionCode,
      year: Number(yearText),
      location,
      latitude: fields['latitude'].trim(),
      longitude: fields['longitude'].trim(),
      deployments,
    },
  };
}
