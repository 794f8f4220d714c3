import 'reflect-metadata';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@blue-ledger/event-store';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseBenchOptions, type BenchOptions } from './bench-options';
import { SeededRandom } from './generate/seeded-random';
import { measureAppendRounds } from './measure/append-rounds';
import { appendLoad, readLatency, type LoadResult } from './measure/http-load';
import { measurePlainRead, measureRebuild } from './measure/rebuild';
import { startServer, settled } from './measure/server-process';
import { secondsSince } from './measure/timing';
import { measureVerification } from './measure/verification';
import { assembleResults, RAW_BATCH_SIZE } from './report/assemble-results';
import { formatResults, type BenchResults } from './report/bench-results';
import { appendTargets, buildLedger } from './setup/build-ledger';
import { copyLedgerToPostgres, type BenchDatabase } from './setup/copy-to-postgres';

const LEDGER_FILE = 'ledger.sqlite';
/** The command path and the raw inserts take turns, so that a slow patch of the disk hits both. */
const ROUNDS = 4;

const log = (message: string) => console.error(`[bench] ${message}`);

async function main(options: BenchOptions): Promise<BenchResults> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LEDGER_FILE);
  const phases: Record<string, number> = {};
  const loadAverage: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    log(`${name}... (load average ${os.loadavg()[0].toFixed(2)})`);
    const start = process.hrtime.bigint();
    const result = await work();
    phases[name] = Number(secondsSince(start).toFixed(2));
    loadAverage[name] = Number(os.loadavg()[0].toFixed(2));
    return result;
  };
  let database: BenchDatabase | undefined;
  try {
    const { imported, generated, reused } = await phase('setup', () => buildLedger(file, options));
    const rnd = new SeededRandom(options.seed + 1);
    const targets = appendTargets(generated);

    let store: EventStore = SqliteEventStore.open(file);
    if (options.store === 'postgres') {
      const built = store;
      database = await phase('copy to PostgreSQL', () =>
        copyLedgerToPostgres(built, options.databaseUrl as string),
      );
      await built.close();
      store = await PostgresEventStore.open(database.url, { listen: false });
    }
    /** The measured ledger's store, for the processes and storages opened on the data directory. */
    const storeEnv: Record<string, string> = {
      ...(database ? { LEDGER_STORE: 'postgres', DATABASE_URL: database.url } : {}),
      // The read models where the environment puts them, for every storage the bench opens
      // (the rebuild, the command path and the server), so that placements can be compared.
      ...(process.env.LEDGER_READ_MODELS_FILE
        ? { LEDGER_READ_MODELS_FILE: process.env.LEDGER_READ_MODELS_FILE }
        : {}),
    };
    const plainRead = await phase('plain read', () => measurePlainRead(store));
    const rebuild = await phase('rebuild', () => measureRebuild(dir, storeEnv));
    const appends = await phase('command path vs raw inserts', () =>
      measureAppendRounds(
        dir,
        file,
        targets,
        rnd,
        {
          commands: options.commands,
          callers: options.callers,
          rounds: ROUNDS,
          rawBatchSize: RAW_BATCH_SIZE,
        },
        storeEnv,
      ),
    );
    const verification = await phase('verification', () => measureVerification(store));
    await store.close();

    const server = await phase('server start', () => startServer(dir, storeEnv));
    let http: LoadResult;
    let latency: Record<'timeline' | 'timelineAsOf' | 'contingentHistory', LoadResult>;
    let serverPeak: number | null;
    try {
      http = await phase('HTTP appends', () =>
        appendLoad(server.url, targets, rnd, {
          connections: options.connections,
          seconds: options.httpSeconds,
        }),
      );
      await settled(server.url);
      const reads = { connections: 1, seconds: options.latencySeconds };
      const incidents = rnd.sample(generated.samples.incidents, 500);
      const contingents = rnd.sample(generated.samples.contingents, 500);
      latency = await phase('read latency', async () => ({
        timeline: await readLatency(
          server.url,
          incidents.map((i) => `/incidents/${i.id}/timeline`),
          rnd,
          reads,
        ),
        timelineAsOf: await readLatency(
          server.url,
          incidents.map((i) => `/incidents/${i.id}/timeline?asOf=${encodeURIComponent(i.asOf)}`),
          rnd,
          reads,
        ),
        contingentHistory: await readLatency(
          server.url,
          contingents.map((c) => `/contingents/${c.id}/history`),
          rnd,
          reads,
        ),
      }));
      serverPeak = server.peakRssMiB();
    } finally {
      await server.stop();
    }

    return assembleResults(
      {
        imported,
        generated,
        reused,
        plainRead,
        rebuild,
        appends,
        verification,
        http,
        latency,
        serverPeak,
      },
      options,
      phases,
      loadAverage,
    );
  } finally {
    if (database && !options.keep) await database.drop();
    else if (database) log(`PostgreSQL database kept: ${database.url}`);
    if (!options.keep && !options.dir) fs.rmSync(dir, { recursive: true, force: true });
    else log(`ledger kept in ${dir}`);
  }
}

if (require.main === module) {
  const options = parseBenchOptions(process.argv);
  main(options)
    .then((results) => {
      fs.mkdirSync(path.dirname(options.out), { recursive: true });
      fs.writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
      console.log(formatResults(results));
      console.log(`\nresults written to ${options.out}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
