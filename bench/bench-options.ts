import { Command, InvalidArgumentError } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BenchOptions {
  events: number;
  seed: number;
  data: string;
  out: string;
  /** Commands through the in-process command path (and as many raw insert batches). */
  commands: number;
  /** Concurrent callers of the in-process command path. */
  callers: number;
  connections: number;
  httpSeconds: number;
  latencySeconds: number;
  dir?: string;
  keep: boolean;
  /**
   * Where the measured ledger runs: `sqlite` (the embedded store), or `postgres`: the ledger
   * built on SQLite is copied into a database of the bench's own on DATABASE_URL's server.
   */
  store: 'sqlite' | 'postgres';
  /** With `--store postgres`: the server's DATABASE_URL. */
  databaseUrl?: string;
}

const positive = (value: string): number => {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError('a positive whole number');
  return parsed;
};

/** The repository: the nearest folder above this file that holds package.json (dist/bench when built). */
function repositoryRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
}

const ROOT = repositoryRoot(__dirname);

/** `npm run bench -- [options]`; the smaller the ledger, the shorter each measurement. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const program = new Command('bench')
    .description(
      'Blue Ledger against its own limits: real data, a generated ledger on top, and measurements',
    )
    .option('--events <n>', 'events in the ledger before measuring', positive, 1_000_000)
    .option('--seed <n>', 'seed of the generated ledger', positive, 20_160_710)
    .option('--data <dir>', 'the shared data files', path.resolve(ROOT, '../shared/data'))
    .option('--out <file>', 'where to write the results', path.join(ROOT, 'bench/results.json'))
    .option('--commands <n>', 'commands through the in-process command path', positive)
    .option('--callers <n>', 'concurrent callers of the in-process command path', positive, 32)
    .option('--connections <n>', 'concurrent HTTP clients', positive, 32)
    .option('--http-seconds <n>', 'duration of the HTTP append load', positive)
    .option('--latency-seconds <n>', 'duration of each read-latency measurement', positive)
    .option('--dir <dir>', 'build the ledger in this directory (default: a temporary one)')
    .option('--keep', 'keep the ledger directory afterwards', false)
    .option(
      '--store <store>',
      'sqlite, or postgres (a database of its own on the server of DATABASE_URL)',
      (value: string) => {
        if (value !== 'sqlite' && value !== 'postgres') {
          throw new InvalidArgumentError('sqlite or postgres');
        }
        return value;
      },
      'sqlite',
    )
    .parse(argv);
  const options = program.opts<Partial<BenchOptions> & { events: number }>();
  const store = options.store ?? 'sqlite';
  if (store === 'postgres' && !process.env.DATABASE_URL) {
    program.error(
      'error: --store postgres needs DATABASE_URL (the server to make its database on)',
    );
  }
  const small = options.events < 100_000;
  return {
    events: options.events,
    seed: options.seed as number,
    data: path.resolve(options.data as string),
    out: path.resolve(
      store === 'postgres' && program.getOptionValueSource('out') === 'default'
        ? path.join(ROOT, 'bench/results-postgres.json')
        : (options.out as string),
    ),
    commands: options.commands ?? (small ? 400 : 12_000),
    callers: options.callers as number,
    connections: options.connections as number,
    httpSeconds: options.httpSeconds ?? (small ? 3 : 15),
    latencySeconds: options.latencySeconds ?? (small ? 2 : 10),
    dir: options.dir,
    keep: options.keep ?? false,
    store,
    ...(store === 'postgres' && { databaseUrl: process.env.DATABASE_URL }),
  };
}
