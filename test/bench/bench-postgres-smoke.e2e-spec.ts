import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { BenchResults } from '../../bench/report/bench-results';
import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';

const BENCH = path.resolve(__dirname, '../../dist/bench/run.js');

async function benchDatabases(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'bl_bench_%'`,
    );
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

const runnable = DATABASE_URL !== undefined || Boolean(process.env.CI);
if (!runnable)
  console.warn('DATABASE_URL is not set: npm run bench -- --store postgres was NOT run');

/** `npm run bench -- --store postgres` at a small size, so that it cannot rot unnoticed. */
(runnable ? describe : describe.skip)('npm run bench --store postgres --events 20000', () => {
  let dir: string;
  let results: BenchResults;
  let printed: string;
  let databasesBefore: string[];

  beforeAll(async () => {
    if (!DATABASE_URL) throw new Error('DATABASE_URL is not set on CI');
    databasesBefore = await benchDatabases(DATABASE_URL);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    const out = path.join(dir, 'results.json');
    const args = ['--store', 'postgres', '--events', '20000', '--out', out];
    const quick = ['--commands', '80', '--http-seconds', '2', '--latency-seconds', '1'];
    const { stdout } = await promisify(execFile)(process.execPath, [BENCH, ...args, ...quick], {
      // About 20 s on a quiet machine; the bound is for a bench that hangs, not a loaded CI box.
      timeout: 400_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, DATABASE_URL },
    });
    printed = stdout;
    results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;
  }, 410_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('measures the command path against raw INSERT + COMMIT through the same driver', () => {
    const figure = results.figures.commandPath;
    expect(results.settings.store).toBe('postgres');
    expect(figure.baseline).toBe(
      'raw inserts, one durable commit each (INSERT through pg, same pool)',
    );
    expect(figure.perSecond).toBeGreaterThan(0);
    expect(figure.baselinePerSecond).toBeGreaterThan(0);
    expect(figure.ratio).toBeCloseTo(figure.perSecond / figure.baselinePerSecond, 6);
  });

  it.each(['httpAppends', 'commandPathConcurrent', 'rebuild', 'verification'] as const)(
    'measures %s against its baseline',
    (name) => {
      const figure = results.figures[name];
      expect(figure.perSecond).toBeGreaterThan(0);
      expect(figure.baselinePerSecond).toBeGreaterThan(0);
    },
  );

  it('verifies the whole ledger it copied, measures read latency and prints the table', () => {
    expect(results.events.total).toBeGreaterThanOrEqual(20_000);
    expect(results.figures.verification.ok).toBe(true);
    expect(results.figures.timeline.requestsPerSecond).toBeGreaterThan(0);
    expect(printed).toMatch(/INSERT through pg, same pool/);
  });

  it('drops the database it made', async () => {
    expect(await benchDatabases(DATABASE_URL as string)).toEqual(databasesBefore);
  });
});
