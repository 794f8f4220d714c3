import 'reflect-metadata';
import { SqliteEventStore } from '@blue-ledger/event-store';
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseBenchOptions, type BenchOptions } from './bench-options';
import { generateLedger, type GeneratedLedger } from './generate/generate-ledger';
import { SeededRandom } from './generate/seeded-random';
import type { AppendTargets } from './measure/append-workload';
import { measureCommandPath } from './measure/command-path';
import { appendLoad, readLatency, type LoadResult } from './measure/http-load';
import { measureRawInserts } from './measure/raw-inserts';
import { measurePlainRead, measureRebuild } from './measure/rebuild';
import { startServer } from './measure/server-process';
import { perSecond, rated, secondsSince } from './measure/timing';
import { measureVerification } from './measure/verification';
import { formatResults, type BenchResults, type LatencyFigure } from './report/bench-results';
import { importRealData } from './setup/import-real-data';

const LEDGER_FILE = 'ledger.sqlite';
const ROUNDS = 4;
const SIMULATED_START = Date.UTC(2018, 0, 1);
const LATENCY_TARGET_MS = 20;
const SOURCES = [
  'UN peacekeeping fatalities: UN DPPA/DPO open data (DPPADPOSS-FATALITIES), as committed in iv-div/my-jupyter-portfolio, peacekeeping-fatalities/',
  "IPI contributions 2009-2014: International Peace Institute, from the UN's monthly contribution reports; IPIDataLab/TCC-DataScraper, tcc_files/Gender.Full.csv",
];

const log = (message: string) => console.error(`[bench] ${message}`);

async function main(options: BenchOptions): Promise<BenchResults> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LEDGER_FILE);
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    log(`${name}...`);
    const start = process.hrtime.bigint();
    const result = await work();
    phases[name] = Number(secondsSince(start).toFixed(2));
    return result;
  };
  try {
    const { imported, generated } = await phase('setup', () => buildLedger(file, options));
    const rnd = new SeededRandom(options.seed + 1);
    const targets = appendTargets(generated);

    const store = SqliteEventStore.open(file);
    const plainRead = await phase('plain read', () => measurePlainRead(store));
    const rebuild = await phase('rebuild', () => measureRebuild(dir));
    const appends = await phase('command path vs raw inserts', async () => {
      const totals = { events: 0, seconds: 0, rawEvents: 0, rawSeconds: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const run = await measureCommandPath(
          store,
          targets,
          rnd,
          Math.ceil(options.commands / ROUNDS),
        );
        const raw = measureRawInserts(file, run.appended);
        totals.events += run.events;
        totals.seconds += run.seconds;
        totals.rawEvents += raw.events;
        totals.rawSeconds += raw.seconds;
      }
      return totals;
    });
    const verification = await phase('verification', () => measureVerification(store));
    await store.close();

    const server = await phase('server start', () => startServer(dir));
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

    const commandPerSecond = perSecond(appends.events, appends.seconds);
    const total = Number(imported) + generated.eventsWritten;
    return {
      generatedAt: new Date().toISOString(),
      gitCommit: gitCommit(),
      node: process.version,
      machine: {
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cpus: os.cpus().length,
        memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
        platform: os.platform(),
        release: os.release(),
      },
      seed: options.seed,
      events: {
        total,
        imported: Number(imported),
        generated: generated.eventsWritten,
        stories: generated.stories,
        refusedCommands: generated.refused,
      },
      sources: SOURCES,
      settings: {
        durability: 'WAL, synchronous=FULL, one transaction per command (as shipped)',
        commands: options.commands,
        connections: options.connections,
        httpSeconds: options.httpSeconds,
        latencySeconds: options.latencySeconds,
        latencyConnections: 1,
        serverLogLevel: 'warn',
      },
      figures: {
        commandPath: {
          unit: 'events/s',
          baseline: 'raw better-sqlite3 inserts',
          commands: options.commands,
          ...rated(commandPerSecond, perSecond(appends.rawEvents, appends.rawSeconds), 0.5),
        },
        httpAppends: {
          unit: 'events/s',
          baseline: 'in-process command path',
          connections: options.connections,
          failed: http.failed,
          ...rated(perSecond(http.ok, http.seconds), commandPerSecond, 0.3),
        },
        rebuild: {
          unit: 'events/s',
          baseline: 'plain read of all events',
          ...rated(
            perSecond(rebuild.events, rebuild.seconds),
            perSecond(plainRead.events, plainRead.seconds),
            0.5,
          ),
        },
        verification: {
          unit: 'events/s',
          baseline: 'raw SHA-256 of the same bytes',
          ok: verification.ok,
          ...rated(
            perSecond(verification.events, verification.verifySeconds),
            perSecond(verification.events, verification.rawSeconds),
            0.5,
          ),
        },
        timeline: latencyOf(latency.timeline),
        timelineAsOf: latencyOf(latency.timelineAsOf),
        contingentHistory: latencyOf(latency.contingentHistory),
        peakRss: { serverMiB: serverPeak, benchMiB: process.resourceUsage().maxRSS / 1024 },
      },
      phases,
    };
  } finally {
    if (!options.keep && !options.dir) fs.rmSync(dir, { recursive: true, force: true });
    else log(`ledger kept in ${dir}`);
  }
}

/** Real data first, then the generated ledger on top; setup only, so durability is relaxed here. */
async function buildLedger(
  file: string,
  options: BenchOptions,
): Promise<{ imported: bigint; generated: GeneratedLedger }> {
  const store = SqliteEventStore.open(file);
  try {
    store.db.pragma('synchronous = OFF');
    if ((await store.headPosition()) === null) {
      const start = process.hrtime.bigint();
      const { contributions, fatalities } = await importRealData(store, options.data);
      const events = contributions.eventsAppended + fatalities.eventsAppended;
      log(`imported ${events} events of real data in ${secondsSince(start).toFixed(1)} s`);
    }
    const start = process.hrtime.bigint();
    const imported = (await store.headPosition()) ?? 0n;
    const generated = await generateLedger(store, {
      seed: options.seed,
      targetEvents: options.events,
      startMs: SIMULATED_START,
    });
    log(
      `generated ${generated.eventsWritten} events in ${generated.stories} stories ` +
        `(${generated.refused} refused) in ${secondsSince(start).toFixed(1)} s`,
    );
    return { imported, generated };
  } finally {
    await store.close();
  }
}

function appendTargets(generated: GeneratedLedger): AppendTargets {
  const missions = new Map<string, string>();
  for (const contingent of generated.samples.contingents)
    missions.set(contingent.missionCode, contingent.id);
  return {
    missions: [...missions].map(([code, contingentId]) => ({ code, contingentId })),
    openInvestigations: generated.samples.openInvestigations,
  };
}

function latencyOf(result: LoadResult): LatencyFigure {
  return {
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    requestsPerSecond: perSecond(result.ok, result.seconds),
    targetP99Ms: LATENCY_TARGET_MS,
    met: result.failed === 0 && result.p99Ms < LATENCY_TARGET_MS,
  };
}

function gitCommit(): string {
  try {
    return execSync('git rev-parse HEAD', { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
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
