import type { CommandPath } from '@blue-ledger/command-handling';
import type { ContingentCommand } from '@blue-ledger/domain';
import { registerContingentUnlessKnown } from '../contingents';
import type { ImportLedger } from '../import-ledger';
import type { ImportReport } from '../import-report';
import { readSourceRows, runImport } from '../import-run';
import { importerAs } from '../importer-principal';
import { naturalId } from '../natural-ids';
import { silentProgress, type Progress } from '../progress';
import { startOfDay } from '../source-values';
import { planContingents, type ContingentPlan } from './contingent-plan';
import { CONTRIBUTION_COLUMNS, parseContributionRow } from './contribution-row';

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
  const read = readSourceRows(filePath, CONTRIBUTION_COLUMNS, parseContributionRow);
  const unreadableMonths = read.refused.flatMap((refused) => refused.month ?? []);
  return runImport(
    path,
    progress,
    {
      source: IPI_CONTRIBUTIONS,
      plans: planContingents(read.rows, unreadableMonths),
      stepsOf: (plan) => plan.runs.length,
      importPlan: importContingent,
      refusedAt: (plan) => [Math.min(...plan.runs.map((run) => run.line).filter((l) => l > 0))],
    },
    { rowsRead: read.rowsRead, rowsUsed: read.rows.length, skipped: read.skipped },
  );
}

/**
 * Registers the contingent unless the ledger has it (another import may have registered it),
 * then records each run of months as what the monthly reports said for those months.
 */
async function importContingent(
  ledger: ImportLedger,
  plan: ContingentPlan,
  runDone: () => void,
): Promise<void> {
  const id = plan.contingentId;
  const admin = importerAs('admin');
  await registerContingentUnlessKnown(
    ledger,
    {
      contingentId: id,
      country: plan.country,
      unitType: plan.unitType,
      designation: plan.designation,
      missionCode: plan.missionCode,
    },
    `ipi:${plan.key}:registered`,
  );
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
    runDone();
  }
}
