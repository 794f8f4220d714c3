import { execSync } from 'node:child_process';
import * as os from 'node:os';
import type { BenchOptions } from '../bench-options';
import type { GeneratedLedger } from '../generate/generate-ledger';
import type { LoadResult } from '../measure/http-load';
import { perSecond, rated } from '../measure/timing';
import type { VerificationRun } from '../measure/verification';
import type { BenchResults, LatencyFigure } from './bench-results';

const LATENCY_TARGET_MS = 20;
export const SOURCES = [
  'UN peacekeeping fatalities: UN DPPA/DPO open data (DPPADPOSS-FATALITIES), as committed in iv-div/my-jupyter-portfolio, peacekeeping-fatalities/',
  "IPI contributions 2009-2014: International Peace Institute, from the UN's monthly contribution reports; IPIDataLab/TCC-DataScraper, tcc_files/Gender.Full.csv",
];

type Rate = { events: number; seconds: number };

export interface Measurements {
  imported: bigint;
  generated: GeneratedLedger;
  plainRead: Rate;
  rebuild: Rate;
  appends: { events: number; seconds: number; rawEvents: number; rawSeconds: number };
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
): BenchResults {
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
      store: options.store,
      durability:
        options.store === 'postgres'
          ? 'PostgreSQL, synchronous_commit=on, one transaction per command (as shipped); read models in a local SQLite file'
          : 'WAL, synchronous=FULL, one transaction per command (as shipped)',
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
        baseline:
          options.store === 'postgres'
            ? 'raw INSERT + COMMIT through pg, same pool'
            : 'raw better-sqlite3 inserts',
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
