import type { CommandPath } from '@blue-ledger/command-handling';
import {
  contingentDecider,
  DomainError,
  streamIds,
  type ContingentCommand,
} from '@blue-ledger/domain';
import { readCsvRecords } from '../csv-records';
import { ImportLedger } from '../import-ledger';
import type { ImportReport, SkippedRow } from '../import-report';
import { importerAs } from '../importer-principal';
import { contingentIdOf } from '../ipi-contributions/contingent-plan';
import { UNIT_KINDS } from '../ipi-contributions/contribution-row';
import { IPI_CONTRIBUTIONS } from '../ipi-contributions/import-ipi-contributions';
import { registerMissingMissions } from '../missions';
import { naturalId } from '../natural-ids';
import { silentProgress, type Progress } from '../progress';
import { countryNameOf } from './country-names';
import { planDeployments, type DeploymentPlan, type YearOfDeployment } from './deployment-plan';
import { GEO_PKO_COLUMNS, parseGeoPkoRow, type GeoPkoRow } from './geo-pko-row';
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
  const { records, unreadable } = readCsvRecords(filePath, GEO_PKO_COLUMNS);
  const skipped: SkippedRow[] = [...unreadable];
  const rows: GeoPkoRow[] = [];
  for (const record of records) {
    const parsed = parseGeoPkoRow(record);
    if (parsed.ok) rows.push(parsed.row);
    else skipped.push({ line: record.line, reason: parsed.reason });
  }
  const { plans, leftOut } = planDeployments(rows);
  // A row whose every entry names no country went into nothing; one with some did.
  const usedLines = new Set(plans.flatMap((p) => p.years.flatMap((y) => y.lines)));
  for (const entry of leftOut) {
    skipped.push({ line: entry.line, reason: `"${entry.contributor}" left out: ${entry.why}` });
  }
  const ledger = new ImportLedger(path);
  await registerMissingMissions(
    ledger,
    plans.map((plan) => plan.missionCode),
  );
  progress.start(
    plans.reduce((sum, plan) => sum + plan.years.length, 0),
    GEO_PKO,
  );
  try {
    for (const plan of plans) {
      try {
        await importDeployments(ledger, plan, progress);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const line = Math.min(...plan.years.flatMap((y) => y.lines));
        skipped.push({ line, reason: `${plan.key}: ${error.message}` });
      }
    }
  } finally {
    progress.stop();
  }
  return {
    source: GEO_PKO,
    rowsRead: records.length + unreadable.length,
    rowsUsed: usedLines.size,
    rowsIgnored: 0,
    skipped: skipped.sort((a, b) => a.line - b.line),
    commands: ledger.commands,
    eventsAppended: ledger.eventsAppended,
  };
}

const yearStart = (year: number) => Date.UTC(year, 0, 1);

/** Registers the country's troops in the mission unless the ledger has them, then reports each year. */
async function importDeployments(
  ledger: ImportLedger,
  plan: DeploymentPlan,
  progress: Progress,
): Promise<void> {
  const id = plan.contingentId;
  const admin = importerAs('admin');
  if (!(await ledger.streamExists(streamIds.contingent(id)))) {
    const registration: ContingentCommand = {
      type: 'RegisterContingent',
      data: {
        contingentId: id,
        country: plan.country,
        unitType: 'infantry_battalion',
        designation: `${countryNameOf(plan.country)} troops in ${plan.missionCode}`,
        missionCode: plan.missionCode,
      },
      meta: ledger.meta(admin),
    };
    await ledger.execute(
      { aggregate: 'contingent', id, command: registration },
      `geo-pko:${plan.key}:registered`,
    );
  }
  const coveredByIpi = await ipiCoverage(ledger, plan);
  for (const year of plan.years) {
    const whole = { from: yearStart(year.year), to: yearStart(year.year + 1) };
    for (const part of uncoveredParts(whole, coveredByIpi)) {
      await reportYear(ledger, plan, year, part);
    }
    progress.increment();
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
