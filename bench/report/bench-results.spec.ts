import { markdownTable, type BenchResults } from './bench-results';
import { withTable } from './update-readme';

const rated = (perSecond: number, baselinePerSecond: number, target: number | null) => ({
  unit: 'events/s' as const,
  baseline: 'a baseline',
  perSecond,
  baselinePerSecond,
  ratio: perSecond / baselinePerSecond,
  target,
  met: target === null ? null : perSecond / baselinePerSecond >= target,
});
const latency = (p99Ms: number) => ({
  p50Ms: 1,
  p99Ms,
  requestsPerSecond: 100,
  targetP99Ms: 20,
  met: p99Ms < 20,
});

const results: BenchResults = {
  generatedAt: '2026-11-26T12:00:00.000Z',
  gitCommit: '0123456789abcdef0123456789abcdef01234567',
  node: 'v20.20.2',
  machine: { cpu: 'a CPU', cpus: 2, memoryGiB: 23.5, platform: 'linux', release: '6' },
  loadAverage: { setup: 1.5, 'HTTP appends': 2.5 },
  seed: 1,
  events: { total: 1000, imported: 100, generated: 900, stories: 50, refusedCommands: 0 },
  sources: [],
  settings: {},
  figures: {
    httpAppends: { ...rated(3000, 2500, 1), connections: 32, failed: 0 },
    commandPathConcurrent: { ...rated(12000, 40000, 0.25), callers: 32, commands: 100 },
    commandPath: { ...rated(1500, 2500, null), commands: 25 },
    rebuild: rated(40000, 100000, 0.5),
    verification: {
      ...rated(160000, 300000, 0.5),
      ok: true,
      workers: 2,
      singleThreadPerSecond: 90000,
    },
    timeline: latency(5),
    timelineAsOf: latency(4),
    contingentHistory: latency(38),
    peakRss: { serverMiB: 280, benchMiB: 400, targetMiB: 300, met: true },
  },
  phases: {},
};

describe('The README Performance table', () => {
  it('has a row per figure, each with its ratio, its target and whether it was met', () => {
    const rows = markdownTable(results).split('\n');

    expect(rows).toHaveLength(2 + 9);
    expect(rows[2]).toMatch(
      /^\| HTTP appends, 32 concurrent clients.*\| 1\.20× +\| ≥ 1\.00× +\| met +\|$/,
    );
    expect(rows[3]).toMatch(/\| 30% +\| ≥ 25% +\| met/);
    expect(rows[4]).toMatch(/\| 60% +\| \(for information\) +\| +\|$/);
    expect(rows[5]).toMatch(/\| 40% +\| ≥ 50% +\| \*\*missed\*\*/);
    expect(rows[6]).toMatch(/2 hashing threads/);
    expect(rows[7]).toMatch(/history.*p99 38 ms.*\*\*missed\*\*/);
    expect(rows[10]).toMatch(/280 MiB.*≤ 300 MiB +\| met/);
  });

  it('replaces only what stands between its markers', () => {
    const start =
      '<!-- bench-table: generated from bench/results.json by `npm run bench:readme` -->';
    const readme = `# Title\n\n${start}\nold table\n<!-- /bench-table -->\n\nAfter.\n`;

    const updated = withTable(readme, results);

    expect(updated.startsWith(`# Title\n\n${start}\n`)).toBe(true);
    expect(updated.endsWith('<!-- /bench-table -->\n\nAfter.\n')).toBe(true);
    expect(updated).not.toMatch(/old table/);
    expect(updated).toMatch(/load average 1\.5 to 2\.5/);
    expect(withTable(updated, results)).toBe(updated);
  });
});
