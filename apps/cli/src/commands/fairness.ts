import { boundOf, getFairness, type FairnessAnswer } from '@blue-ledger/projections';
import { loadConfig, openLedgerStorage } from '@blue-ledger/runtime';
import type { Command } from 'commander';
import { fairnessTables } from '../fairness/fairness-tables';

/**
 * `ledger fairness --mission M --from D --to D [--format json|csv]`: the figures of
 * `GET /fairness`, read from the same read model by the same query (as a reader of all), after
 * the read models have caught up with the store.
 */
export function registerFairness(program: Command): void {
  program
    .command('fairness')
    .description(
      'Whether the record treats countries alike: person-years, rates with exact intervals, shared responsibility, common parameters, timeliness (as GET /fairness)',
    )
    .option('--mission <code>', 'one mission (every mission when left out)')
    .requiredOption('--from <date>', 'the first day (or instant) of the period')
    .requiredOption('--to <date>', 'the first day (or instant) after the period')
    .option('--format <format>', 'json, or csv (the tables one after another)', 'json')
    .action(async (options: { mission?: string; from: string; to: string; format: string }) => {
      const { mission, from, to, format } = options;
      if (
        Number.isNaN(boundOf(from)) ||
        Number.isNaN(boundOf(to)) ||
        boundOf(to) <= boundOf(from)
      ) {
        console.error('--from and --to must be dates (YYYY-MM-DD) or instants, --to after --from');
        process.exitCode = 2;
        return;
      }
      if (format !== 'json' && format !== 'csv') {
        console.error('--format must be json or csv');
        process.exitCode = 2;
        return;
      }
      const config = loadConfig();
      const storage = openLedgerStorage(config);
      try {
        if (config.projections === 'in-process') {
          await storage.runner.start();
          await storage.runner.stop();
        }
        const answer = getFairness(
          storage.readModels,
          { ...(mission === undefined ? {} : { mission }), from, to },
          { policy: config.deadlines, clockMs: Date.now() },
        );
        const text =
          format === 'csv' ? fairnessCsv(answer) : `${JSON.stringify(answer, null, 2)}\n`;
        // The command exits once the action resolves: let a pipe take the whole answer first.
        await new Promise<void>((resolve, reject) =>
          process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
        );
      } finally {
        await storage.close();
      }
    });
}

function fairnessCsv(answer: FairnessAnswer): string {
  return fairnessTables(answer)
    .map((table) => `# ${table.title}\n${table.csv}`)
    .join('\n');
}
