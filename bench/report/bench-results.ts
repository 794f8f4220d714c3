import type { RatedFigure } from '../measure/timing';

export interface LatencyFigure {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  targetP99Ms: number;
  met: boolean;
}

export interface BenchResults {
  generatedAt: string;
  gitCommit: string;
  node: string;
  machine: { cpu: string; cpus: number; memoryGiB: number; platform: string; release: string };
  seed: number;
  events: {
    total: number;
    imported: number;
    generated: number;
    stories: number;
    refusedCommands: number;
  };
  sources: string[];
  settings: Record<string, unknown>;
  figures: {
    commandPath: RatedFigure & { unit: 'events/s'; baseline: string; commands: number };
    httpAppends: RatedFigure & {
      unit: 'events/s';
      baseline: string;
      connections: number;
      failed: number;
    };
    rebuild: RatedFigure & { unit: 'events/s'; baseline: string };
    verification: RatedFigure & { unit: 'events/s'; baseline: string; ok: boolean };
    timeline: LatencyFigure;
    timelineAsOf: LatencyFigure;
    contingentHistory: LatencyFigure;
    peakRss: { serverMiB: number | null; benchMiB: number };
  };
  /** Seconds each phase took, setup included. */
  phases: Record<string, number>;
}

const rate = (value: number) => Math.round(value).toLocaleString('en-US');
const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** The table `npm run bench` prints. */
export function formatResults(results: BenchResults): string {
  const { figures: f } = results;
  const ratedRow = (name: string, figure: RatedFigure & { baseline: string }) => [
    name,
    `${rate(figure.perSecond)} /s`,
    `${figure.baseline}: ${rate(figure.baselinePerSecond)} /s`,
    pct(figure.ratio),
    `>= ${pct(figure.target)} ${verdict(figure.met)}`,
  ];
  const latencyRow = (name: string, figure: LatencyFigure) => [
    name,
    `p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms`,
    `${rate(figure.requestsPerSecond)} req/s`,
    '',
    `p99 < ${figure.targetP99Ms} ms ${verdict(figure.met)}`,
  ];
  const rows = [
    ['measure', 'figure', 'baseline', 'ratio', 'target'],
    ratedRow('appends, command path in-process', f.commandPath),
    ratedRow('appends over HTTP', f.httpAppends),
    ratedRow('projection rebuild', f.rebuild),
    ratedRow('verification (chains + Merkle)', f.verification),
    latencyRow('GET /incidents/{id}/timeline', f.timeline),
    latencyRow('GET /incidents/{id}/timeline?asOf=', f.timelineAsOf),
    latencyRow('GET /contingents/{id}/history', f.contingentHistory),
    [
      'peak RSS',
      `server ${f.peakRss.serverMiB?.toFixed(0) ?? '?'} MiB`,
      `bench ${f.peakRss.benchMiB.toFixed(0)} MiB`,
      '',
      '',
    ],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const { events } = results;
  return [
    `Blue Ledger bench: ${rate(events.total)} events (${rate(events.imported)} imported, ${rate(events.generated)} generated in ${rate(events.stories)} incident stories), seed ${results.seed}`,
    `${results.machine.cpus} x ${results.machine.cpu}, node ${results.node}, commit ${results.gitCommit.slice(0, 10)}`,
    '',
    ...lines,
  ].join('\n');
}
