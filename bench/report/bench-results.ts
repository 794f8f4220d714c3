import type { RatedFigure } from '../measure/timing';

export interface LatencyFigure {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  targetP99Ms: number;
  met: boolean;
}

export type Rated<Extra = object> = RatedFigure & { unit: 'events/s'; baseline: string } & Extra;

export interface BenchResults {
  generatedAt: string;
  gitCommit: string;
  node: string;
  machine: { cpu: string; cpus: number; memoryGiB: number; platform: string; release: string };
  /** 1-minute load average of the machine at the end of each phase: others may share it. */
  loadAverage: Record<string, number>;
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
    httpAppends: Rated<{ connections: number; failed: number }>;
    commandPathConcurrent: Rated<{ callers: number; commands: number }>;
    commandPath: Rated<{ commands: number }>;
    rebuild: Rated;
    verification: Rated<{ ok: boolean; workers: number; singleThreadPerSecond: number }>;
    timeline: LatencyFigure;
    timelineAsOf: LatencyFigure;
    contingentHistory: LatencyFigure;
    peakRss: { serverMiB: number | null; benchMiB: number; targetMiB: number; met: boolean };
  };
  /** Seconds each phase took, setup included. */
  phases: Record<string, number>;
}

const rate = (value: number) => Math.round(value).toLocaleString('en-US');
const pct = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : '**missed**');

type Row = [
  figure: string,
  measured: string,
  baseline: string,
  ratio: string,
  target: string,
  verdict: string,
];

/** The Performance table of the README, as markdown: one row per figure of `results`. */
export function markdownTable(results: BenchResults): string {
  const { figures: f } = results;
  const ratedRow = (name: string, figure: Rated, show: (ratio: number) => string = pct): Row => [
    name,
    `${rate(figure.perSecond)} events/s`,
    `${figure.baseline}: ${rate(figure.baselinePerSecond)} events/s`,
    show(figure.ratio),
    figure.target === null ? '(for information)' : `≥ ${show(figure.target)}`,
    verdict(figure.met),
  ];
  const latencyRow = (name: string, figure: LatencyFigure): Row => [
    name,
    `p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms`,
    `1 client: ${rate(figure.requestsPerSecond)} requests/s`,
    '',
    `p99 < ${figure.targetP99Ms} ms`,
    verdict(figure.met),
  ];
  const rows: Row[] = [
    ratedRow(
      `HTTP appends, ${f.httpAppends.connections} concurrent clients, durable`,
      f.httpAppends,
      times,
    ),
    ratedRow(
      `In-process command path, ${f.commandPathConcurrent.callers} concurrent callers, durable`,
      f.commandPathConcurrent,
    ),
    ratedRow('In-process command path, 1 caller, durable', f.commandPath),
    ratedRow('Projection rebuild from zero', f.rebuild),
    ratedRow(
      `Full verification (chains + Merkle log), ${f.verification.workers} hashing thread${f.verification.workers === 1 ? '' : 's'}`,
      f.verification,
    ),
    latencyRow('`GET /contingents/{id}/history`', f.contingentHistory),
    latencyRow('`GET /incidents/{id}/timeline`', f.timeline),
    latencyRow('`GET /incidents/{id}/timeline?asOf=`', f.timelineAsOf),
    [
      `Peak server RSS at ${rate(results.events.total)} events`,
      `${f.peakRss.serverMiB?.toFixed(0) ?? '?'} MiB`,
      `(bench process ${f.peakRss.benchMiB.toFixed(0)} MiB)`,
      '',
      `≤ ${f.peakRss.targetMiB} MiB`,
      verdict(f.peakRss.met),
    ],
  ];
  const header: Row = ['figure', 'measured', 'baseline (same run)', 'ratio', 'target', ''];
  const widths = header.map((_, column) =>
    Math.max(3, ...[header, ...rows].map((row) => row[column].length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

/** What the run was made on, in one sentence, for under the table. */
export function runDescription(results: BenchResults): string {
  const { events, machine } = results;
  const load = Object.values(results.loadAverage);
  const loadRange = load.length
    ? `; load average ${Math.min(...load).toFixed(1)} to ${Math.max(...load).toFixed(1)} during the run`
    : '';
  return (
    `${rate(events.total)} events (${rate(events.imported)} imported, ${rate(events.generated)} ` +
    `generated in ${rate(events.stories)} incident stories, seed ${results.seed}); ` +
    `${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${results.node.replace(/^v/, '')}` +
    `${loadRange}; commit ${results.gitCommit.slice(0, 10)}, ${results.generatedAt.slice(0, 10)}.`
  );
}

/** What `npm run bench` prints. */
export function formatResults(results: BenchResults): string {
  return [`Blue Ledger bench: ${runDescription(results)}`, '', markdownTable(results)].join('\n');
}
