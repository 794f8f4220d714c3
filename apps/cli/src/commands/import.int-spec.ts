import { SqliteEventStore } from '@blue-ledger/event-store';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SAMPLES } from '../import/testing/temporary-ledger';
import { buildProgram } from '../main';

describe('ledger import', () => {
  let dataDir: string;
  let output: string[];
  const savedDataDir = process.env.LEDGER_DATA_DIR;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    process.env.LEDGER_DATA_DIR = dataDir;
    output = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    if (savedDataDir === undefined) delete process.env.LEDGER_DATA_DIR;
    else process.env.LEDGER_DATA_DIR = savedDataDir;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (...args: string[]) => buildProgram().parseAsync(['node', 'ledger', ...args]);

  it('loads both files into the ledger of LEDGER_DATA_DIR and prints what it did', async () => {
    await run('import', 'ipi-contributions', SAMPLES.ipiContributions, '--no-progress');
    await run('import', 'un-fatalities', SAMPLES.unFatalities, '--no-progress');

    const store = SqliteEventStore.open(path.join(dataDir, 'ledger.sqlite'));
    try {
      expect(await store.headPosition()).toBe(29n + 4n);
    } finally {
      await store.close();
    }
    expect(output.join('\n')).toMatch(/ipi-contributions: 13 rows read, 10 loaded/);
    expect(output.join('\n')).toMatch(/skipped line 14: incident_date "2013-13-45"/);
  });

  it('refuses a file that does not exist', async () => {
    await expect(run('import', 'un-fatalities', path.join(dataDir, 'none.csv'))).rejects.toThrow(
      /no such file/,
    );
  });
});
