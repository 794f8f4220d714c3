import type { ReportedLocation } from '@blue-ledger/domain';
import { contingentIdOf, contingentKey } from '../ipi-contributions/contingent-plan';
import { contributorOf } from './country-names';
import type { GeoPkoRow } from './geo-pko-row';

/**
 * Geo-PKO lists the contributors of troop units: its figures are those of each country's
 * troops in the mission, the contingent the IPI importer keeps troops in too.
 */
export const GEO_PKO_UNIT_TYPE = 'infantry_battalion';

/** What the dataset says of one country's troops in one mission in one calendar year. */
export interface YearOfDeployment {
  year: number;
  /** The sum of the sizes it gives; null when it gives none (every place "size unknown"). */
  strength: number | null;
  locations: ReportedLocation[];
  /** The rows it comes from. */
  lines: number[];
}

export interface DeploymentPlan {
  contingentId: string;
  /** `country:mission:infantry_battalion`, shared with the IPI importer's troops. */
  key: string;
  country: string;
  missionCode: string;
  years: YearOfDeployment[];
}

/** An entry of a row that names no country, or a name the ledger cannot read as one. */
export interface LeftOut {
  line: number;
  contributor: string;
  why: string;
}

/**
 * Each country's deployments per mission and year, summed over the places it was at. A place
 * whose name repeats in a mission's year (two sites of one name) is told apart by its
 * coordinates. Entries that name no country are left out and said why.
 */
export function planDeployments(rows: readonly GeoPkoRow[]): {
  plans: DeploymentPlan[];
  leftOut: LeftOut[];
} {
  const leftOut: LeftOut[] = [];
  const namesInYear = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.missionCode}|${row.year}|${row.location}`;
    namesInYear.set(key, (namesInYear.get(key) ?? 0) + 1);
  }
  const byUnit = new Map<string, DeploymentPlan>();
  for (const row of rows) {
    const repeated = (namesInYear.get(`${row.missionCode}|${row.year}|${row.location}`) ?? 0) > 1;
    const place = repeated ? `${row.location} (${row.latitude}, ${row.longitude})` : row.location;
    for (const { contributor, size } of row.deployments) {
      const who = contributorOf(contributor);
      if (who.kind !== 'country') {
        const why =
          who.kind === 'not_a_country'
            ? `not a country: ${who.why}`
            : 'no ISO 3166-1 country has this name';
        leftOut.push({ line: row.line, contributor, why });
        continue;
      }
      const key = contingentKey(who.country, row.missionCode, GEO_PKO_UNIT_TYPE);
      const plan = byUnit.get(key) ?? {
        contingentId: contingentIdOf(who.country, row.missionCode, GEO_PKO_UNIT_TYPE),
        key,
        country: who.country,
        missionCode: row.missionCode,
        years: [],
      };
      byUnit.set(key, plan);
      let year = plan.years.find((y) => y.year === row.year);
      if (year === undefined) {
        year = { year: row.year, strength: null, locations: [], lines: [] };
        plan.years.push(year);
      }
      const at = year.locations.find((l) => l.name === place);
      if (at === undefined) year.locations.push({ name: place, strength: size });
      else if (size !== null) at.strength = (at.strength ?? 0) + size;
      if (size !== null) year.strength = (year.strength ?? 0) + size;
      if (!year.lines.includes(row.line)) year.lines.push(row.line);
    }
  }
  const plans = [...byUnit.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const plan of plans) plan.years.sort((a, b) => a.year - b.year);
  return { plans, leftOut };
}
