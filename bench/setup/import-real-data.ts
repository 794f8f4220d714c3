import type { CommandPath } from '@blue-ledger/command-handling';
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { ImportReport } from '../../apps/cli/src/import/import-report';
import { importIpiContributions } from '../../apps/cli/src/import/ipi-contributions/import-ipi-contributions';
import { importUnFatalities } from '../../apps/cli/src/import/un-fatalities/import-un-fatalities';

export const DATA_FILES = {
  ipiContributions: 'ipi-contributions-2009-2014.csv',
  unFatalities: 'un-peacekeeping-fatalities.csv',
};

/**
 * The real data the generated ledger stands on: IPI's contributions (International Peace
 * Institute, from the UN's monthly contribution reports) and the UN's peacekeeping fatalities
 * (DPPA/DPO open data), through the importers, contributions first so that fatalities link
 * to their contingents.
 */
export async function importRealData(
  path: CommandPath,
  dataDir: string,
): Promise<{ contributions: ImportReport; fatalities: ImportReport }> {
  for (const file of Object.values(DATA_FILES)) {
    if (!fs.existsSync(join(dataDir, file))) {
      throw new Error(`${file} is not in ${dataDir}: pass --data <dir of the shared data files>`);
    }
  }
  const contributions = await importIpiContributions(
    path,
    join(dataDir, DATA_FILES.ipiContributions),
  );
  const fatalities = await importUnFatalities(path, join(dataDir, DATA_FILES.unFatalities));
  return { contributions, fatalities };
}
