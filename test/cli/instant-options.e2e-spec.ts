import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ledger } from '../integrity/ledger-cli';

/**
 * Every `ledger` option that takes an instant (`fairness --as-of`, `--from`, `--to`) refuses a
 * malformed value as bad usage: exit code 2, a message naming the option, the value and the form
 * it needs, nothing on stdout, and nothing written to the data directory.
 */
describe('ledger: options that take an instant', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-instants-'));
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const fairness = (...extra: string[]) =>
    ledger(['fairness', '--from', '2014-01-01', '--to', '2025-01-01', ...extra], dataDir);

  it.each(['fooZ', 'yesterday', '2016-07-10', '2016-07-10T18:30:00', '2016-02-30T00:00:00Z', ''])(
    'refuses --as-of %j, naming the option and the form',
    async (value) => {
      const run = await fairness('--as-of', value);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        `error: option '--as-of <instant>' argument '${value}' is invalid.`,
      );
      expect(run.stderr).toContain('an ISO 8601 instant with its zone is needed');
      expect(run.stderr).not.toMatch(/RangeError|at .*\.js:\d+/);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    },
  );

  it.each([
    ['--from', ['--from', '2014-02-30', '--to', '2025-01-01'], '2014-02-30'],
    ['--to', ['--from', '2014-01-01', '--to', 'next year'], 'next year'],
    ['--from', ['--from', '2014-01-01T00:00:00', '--to', '2025-01-01'], '2014-01-01T00:00:00'],
  ])('refuses a malformed %s, naming it and the form', async (option, args, value) => {
    const run = await ledger(['fairness', ...args], dataDir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `error: option '${option} <date>' argument '${value}' is invalid.`,
    );
    expect(run.stderr).toContain('a date (YYYY-MM-DD) or an ISO 8601 instant with its zone');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a period that ends before it starts, naming both options', async () => {
    const run = await ledger(['fairness', '--from', '2025-01-01', '--to', '2014-01-01'], dataDir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: --to (2014-01-01) must come after --from (2025-01-01)');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('takes a well-formed instant, with its zone given as an offset', async () => {
    const run = await fairness('--as-of', '2016-07-10T21:30:00+03:00');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ asOf: '2016-07-10T18:30:00.000Z' });
  });
});
