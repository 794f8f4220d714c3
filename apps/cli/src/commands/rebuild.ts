import type { Command } from 'commander';
import { loadConfig, connectLedgerStorage } from '@blue-ledger/runtime';

export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('Drop the read models and replay them from position 0')
    .option('-p, --projection <name...>', 'only these read models')
    .action(async (options: { projection?: string[] }) => {
      const storage = await connectLedgerStorage(loadConfig());
      try {
        const started = Date.now();
        await storage.runner.rebuild(options.projection);
        const names = options.projection ?? ['all read models'];
        const head = await storage.store.headPosition();
        console.log(
          `rebuilt ${names.join(', ')} up to position ${head ?? 'none'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await storage.close();
      }
    });
}
