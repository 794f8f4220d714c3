import type { CommandPath } from '@blue-ledger/command-handling';
import { loadConfig, openCommandPath, connectLedgerStorage } from '@blue-ledger/runtime';
import type { Command } from 'commander';
import * as fs from 'node:fs';
import { formatReport, type ImportReport } from '../import/import-report';
import { importGeoPko } from '../import/geo-pko/import-geo-pko';
import { importIpiContributions } from '../import/ipi-contributions/import-ipi-contributions';
import { progressBar, silentProgress, type Progress } from '../import/progress';
import { importUnFatalities } from '../import/un-fatalities/import-un-fatalities';

type Importer = (path: CommandPath, filePath: string, progress: Progress) => Promise<ImportReport>;

const IMPORTERS: Record<string, { description: string; run: Importer }> = {
  'un-fatalities': {
    description:
      "the UN's peacekeeping fatalities file (DPPA/DPO open data): malicious acts become incidents",
    run: importUnFatalities,
  },
  'ipi-contributions': {
    description:
      "IPI's monthly uniformed contributions (from the UN's contribution reports): contingents and their strength",
    run: importIpiContributions,
  },
  'geo-pko': {
    description:
      "the Geo-PKO dataset's yearly deployments by location (Uppsala University, v2.3): each country's troops per mission and year; import the IPI file first",
    run: importGeoPko,
  },
};

/**
 * `ledger import <source> FILE`: loads a public data file through the same command path as the
 * API. Importing the same file again appends nothing; rows that cannot be read are listed with
 * their line number and left out.
 */
export function registerImport(program: Command): void {
  const command = program
    .command('import')
    .description(
      'Load public data files into the ledger, through the same command path as the API',
    );
  for (const [source, { description, run }] of Object.entries(IMPORTERS)) {
    command
      .command(source)
      .description(`Import ${description}`)
      .argument('<file>', 'the CSV file, with its column names on the first line')
      .option('--no-progress', 'no progress bar')
      .action(async (file: string, options: { progress: boolean }) => {
        if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
        const storage = await connectLedgerStorage(loadConfig());
        try {
          const report = await run(
            openCommandPath(storage),
            file,
            options.progress ? progressBar() : silentProgress,
          );
          console.log(formatReport(report));
        } finally {
          await storage.close();
        }
      });
  }
}
