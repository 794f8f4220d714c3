import { execSync } from 'node:child_process';
import * as os from 'node:os';
import type { BenchOptions } from '../bench-options';
import type { GeneratedLedger } from '../generate/generate-ledger';
import type { AppendRates } from '../measure/append-rounds';
import type { LoadResult } from '../measure/http-load';
import { perSecond, rated } from '../measure/timing';
import type { VerificationRun } from '../measure/verification';
import type { BenchResults, LatencyFigure } from './bench-results';

/** Rows per commit of the raw baseline the concurrent command path is judged against. */
export const RAW_BATCH_SIZE = 100;

const LATENCY_TARGET_MS = 20;
const SERVER_RSS_TARGET_MIB = 300;
export const SOURCES = [
  'UN peacekeeping fatalities: UN DPPA/DPO open data (DPPADPOSS-FATALITIES), as committed in iv-div/my-jupyter-portfolio, peacekeeping-fatalities/',
  "IPI contributions 2009-2014: International Peace Institute, from the UN's monthly contribution reports; IPIDataLab/TCC-DataScraper, tcc_files/Gender.Full.csv",
];

type Rate = { events: number; seconds: number };

export interface Measurements {
  imported: bigint;
  generated: GeneratedLedger;
  reused: boolean;
  plainRead: Rate;
  rebuild: Rate;
  appends: AppendRates;
  verification: VerificationRun;
  http: LoadResult;
  latency: Record<'timeline' | 'timelineAsOf' | 'contingentHistory', LoadResult>;
  serverPeak: number | null;
}

/** Every figure with its baseline, ratio and target, and what the run was made on. */
export function assembleResults(
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
  }: Measurements,
  options: BenchOptions,
  phases: Record<string, number>,
  loadAverage: Record<string, number>,
): BenchResults {
  const rateOf = ({ events, seconds }: { events: number; seconds: number }) =>
    perSecond(events, seconds);
  const rawPerCommand = rateOf(appends.rawPerCommand);
  // On PostgreSQL the raw rows go through the same driver and pool (see raw-insert-baseline).
  const via = options.store === 'postgres' ? ' (INSERT through pg, same pool)' : '';
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
    loadAverage,
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
      store: options.store,
      durability:
        options.store === 'postgres'
          ? 'PostgreSQL, synchronous_commit=on: every acknowledged append is committed (as shipped); read models in a local SQLite file'
          : 'WAL, synchronous=FULL: every acknowledged append is on disk (as shipped)',
      commands: options.commands,
      callers: options.callers,
      rawBatchSize: RAW_BATCH_SIZE,
      connections: options.connections,
      httpSeconds: options.httpSeconds,
      latencySeconds: options.latencySeconds,
      latencyConnections: 1,
      serverLogLevel: 'warn',
      reusedLedger: reused,
    },
    figures: {
      httpAppends: {
        unit: 'events/s',
        baseline: `raw inserts, one durable commit each${via}`,
        connections: options.connections,
        failed: http.failed,
        ...rated(perSecond(http.ok, http.seconds), rawPerCommand, 1),
      },
      commandPathConcurrent: {
        unit: 'events/s',
        baseline: `raw inserts, ${RAW_BATCH_SIZE} per durable commit${via}`,
        callers: options.callers,
        commands: options.commands,
        ...rated(rateOf(appends.concurrent), rateOf(appends.rawBatched), 0.25),
      },
      commandPath: {
        unit: 'events/s',
        baseline: `raw inserts, one durable commit each${via}`,
        commands: Math.ceil(options.commands / 4),
        ...rated(rateOf(appends.sequential), rawPerCommand, null),
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
        workers: verification.workers,
        singleThreadPerSecond: perSecond(verification.events, verification.singleThreadSeconds),
        ...rated(
          perSecond(verification.events, verification.verifySeconds),
          perSecond(verification.events, verification.rawSeconds),
          0.5,
        ),
      },
      timeline: latencyOf(latency.timeline),
      timelineAsOf: latencyOf(latency.timelineAsOf),
      contingentHistory: latencyOf(latency.contingentHistory),
      peakRss: {
        serverMiB: serverPeak,
        benchMiB: process.resourceUsage().maxRSS / 1024,
        targetMiB: SERVER_RSS_TARGET_MIB,
        met: serverPeak !== null && serverPeak <= SERVER_RSS_TARGET_MIB,
      },
    },
    phases,
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
