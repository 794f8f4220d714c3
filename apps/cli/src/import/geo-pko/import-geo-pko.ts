import type { CommandPath } from '@blue-ledger/command-handling';
import { contingentDecider, streamIds, type ContingentCommand } from '@blue-ledger/domain';
import { registerContingentUnlessKnown } from '../contingents';
import type { ImportLedger } from '../import-ledger';
import type { ImportReport } from '../import-report';
import { readSourceRows, runImport } from '../import-run';
import { importerAs } from '../importer-principal';
import { contingentIdOf } from '../ipi-contributions/contingent-plan';
import { UNIT_KINDS } from '../ipi-contributions/contribution-row';
import { IPI_CONTRIBUTIONS } from '../ipi-contributions/import-ipi-contributions';
import { naturalId } from '../natural-ids';
import { silentProgress, type Progress } from '../progress';
import { countryNameOf } from './country-names';
import { planDeployments, type DeploymentPlan, type YearOfDeployment } from './deployment-plan';
import { GEO_PKO_COLUMNS, parseGeoPkoRow } from './geo-pko-row';
import { uncoveredParts, type Interval } from './uncovered-parts';

export const GEO_PKO = 'geo-pko';

/**
 * Loads the Geo-PKO dataset's deployments by location (Uppsala University, version 2.3): each
 * country's troops in each mission, a report per calendar year (the sum over the places it was
 * at, the places kept), "size unknown" as present at no given size. A month the IPI monthly
 * reports already cover for that country and mission keeps the IPI figure: the year's report
 * leaves it out (import the IPI file first).
 */
export async function importGeoPko(
  path: CommandPath,
  filePath: string,
  progress: Progress = silentProgress,
): Promise<ImportReport> {
  const read = readSourceRows(filePath, GEO_PKO_COLUMNS, parseGeoPkoRow);
  const { plans, leftOut } = planDeployments(read.rows);
  // A row whose every entry names no country went into nothing; one with some did.
  const usedLines = new Set(plans.flatMap((p) => p.years.flatMap((y) => y.lines)));
  const skipped = [...read.skipped];
  for (const entry of leftOut) {
    skipped.push({ line: entry.line, reason: `"${entry.contributor}" left out: ${entry.why}` });
  }
  return runImport(
    path,
    progress,
    {
      source: GEO_PKO,
      plans,
      stepsOf: (plan) => plan.years.length,
      importPlan: importDeployments,
      refusedAt: (plan) => [Math.min(...plan.years.flatMap((y) => y.lines))],
    },
    { rowsRead: read.rowsRead, rowsUsed: usedLines.size, skipped },
  );
}

const yearStart = (year: number) => Date.UTC(year, 0, 1);

/** Registers the country's troops in the mission unless the ledger has them, then reports each year. */
async function importDeployments(
  ledger: ImportLedger,
  plan: DeploymentPlan,
  yearDone: () => void,
): Promise<void> {
  await registerContingentUnlessKnown(
    ledger,
    {
      contingentId: plan.contingentId,
      country: plan.country,
      unitType: 'infantry_battalion',
      designation: `${countryNameOf(plan.country)} troops in ${plan.missionCode}`,
      missionCode: plan.missionCode,
    },
    `geo-pko:${plan.key}:registered`,
  );
  const coveredByIpi = await ipiCoverage(ledger, plan);
  for (const year of plan.years) {
    const whole = { from: yearStart(year.year), to: yearStart(year.year + 1) };
    for (const part of uncoveredParts(whole, coveredByIpi)) {
      await reportYear(ledger, plan, year, part);
    }
    yearDone();
  }
}

async function reportYear(
  ledger: ImportLedger,
  plan: DeploymentPlan,
  year: YearOfDeployment,
  part: Interval,
): Promise<void> {
  const from = new Date(part.from).toISOString();
  const to = new Date(part.to).toISOString();
  const naturalKey = `geo-pko:${plan.key}:${year.year}:${from}`;
  const report: ContingentCommand = {
    type: 'ReportContingentStrength',
    data: {
      reportId: naturalId(`report:${naturalKey}`),
      source: GEO_PKO,
      from,
      to,
      strength: year.strength,
      locations: year.locations,
    },
    meta: ledger.meta(importerAs('admin')),
  };
  await ledger.execute(
    { aggregate: 'contingent', id: plan.contingentId, command: report },
    naturalKey,
  );
}

/** The periods IPI's monthly reports cover for the country in the mission, any kind of personnel. */
async function ipiCoverage(ledger: ImportLedger, plan: DeploymentPlan): Promise<Interval[]> {
  const covered: Interval[] = [];
  for (const { unitType } of UNIT_KINDS) {
    const streamId = streamIds.contingent(contingentIdOf(plan.country, plan.missionCode, unitType));
    if (!(await ledger.streamExists(streamId))) continue;
    const { state } = await ledger.load(streamId, contingentDecider);
    if (state.status !== 'registered') continue;
    for (const change of state.datedChanges) {
      if (change.kind === 'report' && change.source === IPI_CONTRIBUTIONS) {
        covered.push({ from: Date.parse(change.at), to: Date.parse(change.until) });
      }
    }
  }
  return covered;
}
