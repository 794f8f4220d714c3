import {
  boundOf,
  fairnessTables,
  getFairness,
  resolveAsOf,
  type FairnessAnswer,
} from '@blue-ledger/projections';
import { loadConfig, openLedgerStorage } from '@blue-ledger/runtime';
import type { Command } from 'commander';

/**
 * `ledger fairness --mission M --from D --to D [--as-of T] [--format json|csv]`: the figures of
 * `GET /fairness`, read from the same read model by the same query (as a reader of all), after
 * the read models have caught up with the store; `--as-of T`: as the ledger knew them at T
 * (the events recorded up to T, deadlines with T as the clock), like `GET /fairness?asOf=`.
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
    .option('--as-of <instant>', 'as the ledger knew it at this instant of recorded time')
    .option('--format <format>', 'json, or csv (the tables one after another)', 'json')
    .action(async (options: FairnessOptions) => {
      const { mission, from, to, asOf, format } = options;
      if (
        Number.isNaN(boundOf(from)) ||
        Number.isNaN(boundOf(to)) ||
        boundOf(to) <= boundOf(from)
      ) {
        console.error('--from and --to must be dates (YYYY-MM-DD) or instants, --to after --from');
        process.exitCode = 2;
        return;
      }
      if (asOf !== undefined && !/(Z|[+-]\d{2}:\d{2})$/.test(asOf)) {
        console.error('--as-of must be an ISO 8601 instant with a time zone');
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
        const point =
          asOf === undefined
            ? undefined
            : resolveAsOf(storage.readModels, asOf, storage.progress.position());
        const figures = getFairness(
          storage.readModels,
          {
            ...(mission === undefined ? {} : { mission }),
            from,
            to,
            ...(point === undefined ? {} : { asOf: point.asOf }),
          },
          {
            policy: config.deadlines,
            clockMs: point === undefined ? Date.now() : Date.parse(point.asOf),
            upTo: point === undefined ? undefined : (point.position ?? -1),
          },
        );
        // The same fields as GET /fairness: the instant and the position it stands for.
        const answer =
          point === undefined
            ? { ...figures, asOf: null }
            : {
                ...figures,
                asOf: point.asOf,
                asOfPosition: point.position === null ? null : String(point.position),
              };
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

interface FairnessOptions {
  mission?: string;
  from: string;
  to: string;
  asOf?: string;
  format: string;
}

function fairnessCsv(answer: FairnessAnswer): string {
  return fairnessTables(answer)
    .map((table) => `# ${table.title}\n${table.csv}`)
    .join('\n');
}
