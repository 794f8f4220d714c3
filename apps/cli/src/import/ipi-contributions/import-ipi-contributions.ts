import type { CommandPath } from '@blue-ledger/command-handling';
import { DomainError, streamIds, type ContingentCommand } from '@blue-ledger/domain';
import { readCsvRecords } from '../csv-records';
import { ImportLedger } from '../import-ledger';
import type { ImportReport, SkippedRow } from '../import-report';
import { importerAs } from '../importer-principal';
import { registerMissingMissions } from '../missions';
import { naturalId } from '../natural-ids';
import { silentProgress, type Progress } from '../progress';
import { startOfDay } from '../source-values';
import { planContingents, type ContingentPlan } from './contingent-plan';
import {
  CONTRIBUTION_COLUMNS,
  parseContributionRow,
  type ContributionRow,
} from './contribution-row';

export const IPI_CONTRIBUTIONS = 'ipi-contributions';

/**
 * Loads the IPI file of monthly uniformed contributions (International Peace Institute,
 * compiled from the UN's monthly contribution reports) as contingents of each country in each
 * mission, with a rotation recording each month in which their strength changed.
 */
export async function importIpiContributions(
  path: CommandPath,
  filePath: string,
  progress: Progress = silentProgress,
): Promise<ImportReport> {
  const { records, unreadable } = readCsvRecords(filePath, CONTRIBUTION_COLUMNS);
  const skipped: SkippedRow[] = [...unreadable];
  const rows: ContributionRow[] = [];
  const unreadableMonths = [];
  for (const record of records) {
    const parsed = parseContributionRow(record);
    if (parsed.ok) {
      rows.push(parsed.row);
    } else {
      skipped.push({ line: record.line, reason: parsed.reason });
      if (parsed.month) unreadableMonths.push(parsed.month);
    }
  }

  const plans = planContingents(rows, unreadableMonths);
  const ledger = new ImportLedger(path);
  await registerMissingMissions(
    ledger,
    plans.map((plan) => plan.missionCode),
  );
  progress.start(
    plans.reduce((sum, plan) => sum + plan.runs.length, 0),
    IPI_CONTRIBUTIONS,
  );
  try {
    for (const plan of plans) {
      try {
        await importContingent(ledger, plan, progress);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const lines = plan.runs.map((run) => run.line).filter((line) => line > 0);
        skipped.push({ line: Math.min(...lines), reason: `${plan.key}: ${error.message}` });
      }
    }
  } finally {
    progress.stop();
  }
  return {
    source: IPI_CONTRIBUTIONS,
    rowsRead: records.length + unreadable.length,
    rowsUsed: rows.length,
    rowsIgnored: 0,
    skipped: skipped.sort((a, b) => a.line - b.line),
    commands: ledger.commands,
    eventsAppended: ledger.eventsAppended,
  };
}

/**
 * Registers the contingent unless the ledger has it (another import may have registered it),
 * then records each run of months as what the monthly reports said for those months.
 */
async function importContingent(
  ledger: ImportLedger,
  plan: ContingentPlan,
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
        unitType: plan.unitType,
        designation: plan.designation,
        missionCode: plan.missionCode,
      },
      meta: ledger.meta(admin),
    };
    await ledger.execute(
      { aggregate: 'contingent', id, command: registration },
      `ipi:${plan.key}:registered`,
    );
  }
  for (const run of plan.runs) {
    const naturalKey = `ipi:${plan.key}:${run.from}/${run.to}`;
    const report: ContingentCommand = {
      type: 'ReportContingentStrength',
      data: {
        reportId: naturalId(`report:${naturalKey}`),
        source: IPI_CONTRIBUTIONS,
        from: startOfDay(run.from),
        to: startOfDay(run.to),
        strength: run.strength,
      },
      meta: ledger.meta(admin),
    };
    await ledger.execute({ aggregate: 'contingent', id, command: report }, naturalKey);
    progress.increment();
  }
}
