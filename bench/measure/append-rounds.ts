import type { CommandResult } from '@blue-ledger/command-handling';
import { connectLedgerStorage, loadConfig, openCommandPath } from '@blue-ledger/runtime';
import { measureRawInserts as measurePostgresRawInserts } from '../../libs/event-store/src/postgres/raw-insert-baseline';
import type { SeededRandom } from '../generate/seeded-random';
import type { AppendTargets } from './append-workload';
import { measureCommandPath } from './command-path';
import { measureRawInserts, type RawCommits } from './raw-inserts';

export interface Rate {
  events: number;
  seconds: number;
}

export interface AppendRates {
  /** The command path, one caller, one command after another. */
  sequential: Rate;
  /** The command path, `callers` concurrent callers. */
  concurrent: Rate;
  /** Raw inserts of the concurrent run's rows, one durable commit per command (one insert each here). */
  rawPerCommand: Rate;
  /** The same rows, 100 per durable commit. */
  rawBatched: Rate;
}

const add = (total: Rate, { events, seconds }: Rate) => {
  total.events += events;
  total.seconds += seconds;
};

/**
 * The in-process command path (the ledger as `openCommandPath` wires it: durable, no read
 * models to wait for) against raw inserts of the rows it appended, in alternating rounds, so
 * that a slow patch of the disk or a busy neighbour hits the figure and its baselines alike.
 * `storeEnv` names the measured store (LEDGER_STORE=postgres and DATABASE_URL): there the raw
 * baselines insert the same rows through the same driver and pool (see raw-insert-baseline).
 */
export async function measureAppendRounds(
  dataDir: string,
  file: string,
  targets: AppendTargets,
  rnd: SeededRandom,
  options: { commands: number; callers: number; rounds: number; rawBatchSize: number },
  storeEnv: Record<string, string> = {},
): Promise<AppendRates> {
  const rates: AppendRates = {
    sequential: { events: 0, seconds: 0 },
    concurrent: { events: 0, seconds: 0 },
    rawPerCommand: { events: 0, seconds: 0 },
    rawBatched: { events: 0, seconds: 0 },
  };
  const storage = await connectLedgerStorage(
    loadConfig({ LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...storeEnv }),
  );
  const raw = async (appended: CommandResult[], commits: RawCommits): Promise<Rate> =>
    storage.database
      ? measurePostgresRawInserts(storage.database, 'public', appended, commits)
      : measureRawInserts(file, appended, commits);
  try {
    const commandPath = openCommandPath(storage);
    const perRound = Math.ceil(options.commands / options.rounds);
    for (let round = 0; round < options.rounds; round++) {
      const sequential = await measureCommandPath(
        commandPath,
        targets,
        rnd,
        Math.ceil(perRound / 4),
      );
      add(rates.sequential, sequential);
      const concurrent = await measureCommandPath(
        commandPath,
        targets,
        rnd,
        perRound,
        options.callers,
      );
      add(rates.concurrent, concurrent);
      add(rates.rawPerCommand, await raw(concurrent.appended, { perCommand: true }));
      add(
        rates.rawBatched,
        await raw(concurrent.appended, { rowsPerCommit: options.rawBatchSize }),
      );
    }
  } finally {
    await storage.close();
  }
  return rates;
}
