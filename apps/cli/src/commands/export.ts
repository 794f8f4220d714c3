import type { Command } from 'commander';
import * as fs from 'node:fs';
import { loadConfig, connectLedgerStorage } from '@blue-ledger/runtime';
import { exportLedger } from '../integrity/export-ledger';
import { noProgress, positionProgress } from '../integrity/position-progress';

/**
 * `ledger export --out FILE`: every event in global order and every signed tree head, as
 * NDJSON, read from the data directory without the server. `ledger verify` checks it.
 */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Write every event and every signed tree head as NDJSON, for `ledger verify`')
    .requiredOption('-o, --out <file>', 'the file to write (refused if it exists)')
    .option('--no-progress', 'no progress bar')
    .action(async (options: { out: string; progress: boolean }, command: Command) => {
      if (fs.existsSync(options.out)) {
        command.error(`error: ${options.out} exists; choose another --out`, { exitCode: 2 });
      }
      const config = loadConfig();
      const storage = await connectLedgerStorage(config);
      try {
        const started = Date.now();
        const summary = await exportLedger(
          { store: storage.store, readModels: storage.readModels, dataDir: config.dataDir },
          options.out,
          options.progress ? positionProgress('export') : noProgress,
        );
        console.log(
          `exported ${summary.events} events (up to position ${summary.lastPosition ?? 'none'}) and ${summary.heads} signed tree heads to ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await storage.close();
      }
    });
}
