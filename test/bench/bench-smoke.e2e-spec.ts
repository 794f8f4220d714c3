import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { BenchResults } from '../../bench/report/bench-results';

const BENCH = path.resolve(__dirname, '../../dist/bench/run.js');

/** `npm run bench` at a small size, so that the benchmark cannot rot unnoticed. */
describe('npm run bench --events 20000', () => {
  let dir: string;
  let results: BenchResults;
  let printed: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    const out = path.join(dir, 'results.json');
    const args = ['--events', '20000', '--out', out, '--dir', path.join(dir, 'ledger')];
    const quick = ['--commands', '80', '--http-seconds', '2', '--latency-seconds', '1'];
    const { stdout } = await promisify(execFile)(process.execPath, [BENCH, ...args, ...quick], {
      // About 20 s on a quiet machine; the bound is for a bench that hangs, not a loaded CI box.
      timeout: 400_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    printed = stdout;
    results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;
  }, 410_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds a ledger of about that size on the imported real data, refusing no command', () => {
    expect(results.events.total).toBeGreaterThanOrEqual(20_000);
    expect(results.events.imported).toBeGreaterThan(15_000);
    expect(results.events.generated).toBeGreaterThan(0);
    expect(results.events.refusedCommands).toBe(0);
  });

  it.each([
    'httpAppends',
    'commandPathConcurrent',
    'commandPath',
    'rebuild',
    'verification',
  ] as const)('measures %s against its baseline', (name) => {
    const figure = results.figures[name];
    expect(figure.perSecond).toBeGreaterThan(0);
    expect(figure.baselinePerSecond).toBeGreaterThan(0);
    expect(figure.ratio).toBeCloseTo(figure.perSecond / figure.baselinePerSecond, 6);
    expect(figure.met).toBe(figure.target === null ? null : figure.ratio >= figure.target);
  });

  it.each(['timeline', 'timelineAsOf', 'contingentHistory'] as const)(
    'measures the latency of %s over HTTP',
    (name) => {
      const figure = results.figures[name];
      expect(figure.requestsPerSecond).toBeGreaterThan(0);
      expect(figure.p99Ms).toBeGreaterThanOrEqual(figure.p50Ms);
    },
  );

  it('verifies the whole ledger it built, and records the peak memory of the server', () => {
    expect(results.figures.verification.ok).toBe(true);
    expect(results.figures.peakRss.serverMiB).toBeGreaterThan(0);
    expect(results.figures.peakRss.benchMiB).toBeGreaterThan(0);
  });

  it('says where and on what it ran, and prints the table', () => {
    expect(results.node).toBe(process.version);
    expect(results.gitCommit).toMatch(/^[0-9a-f]{40}$|^unknown$/);
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(Object.keys(results.loadAverage)).toContain('HTTP appends');
    expect(printed).toMatch(/\| HTTP appends, 32 concurrent clients, durable/);
    expect(printed).toMatch(/In-process command path, 32 concurrent callers/);
    expect(printed).toMatch(/GET \/contingents\/\{id\}\/history/);
  });
});
