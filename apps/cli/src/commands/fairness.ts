import {
  boundOf,
  fairnessTables,
  getFairness,
  resolveAsOf,
  type FairnessAnswer,
} from '@blue-ledger/projections';
import { loadConfig, openLedgerStorage } from '@blue-ledger/runtime';
import type { Command } from 'commander';
import { dayOrInstantArgument, instantArgument } from './time-arguments';

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
    .requiredOption(
      '--from <date>',
      'the first day (YYYY-MM-DD) or instant (with its zone) of the period',
      dayOrInstantArgument,
    )
    .requiredOption(
      '--to <date>',
      'the first day (YYYY-MM-DD) or instant (with its zone) after the period',
      dayOrInstantArgument,
    )
    .option(
      '--as-of <instant>',
      'as the ledger knew it at this instant of recorded time (ISO 8601 with its zone)',
      instantArgument,
    )
    .option('--format <format>', 'json, or csv (the tables one after another)', 'json')
    .action(async (options: FairnessOptions, command: Command) => {
      const { mission, from, to, asOf, format } = options;
      if (boundOf(to) <= boundOf(from)) {
        command.error(`error: --to (${to}) must come after --from (${from})`, { exitCode: 2 });
      }
      if (format !== 'json' && format !== 'csv') {
        command.error(`error: --format must be json or csv, not ${format}`, { exitCode: 2 });
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
