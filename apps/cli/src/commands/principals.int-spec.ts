import BetterSqlite3 from 'better-sqlite3';
import { Command } from 'commander';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  PrincipalAuthenticator,
  PrincipalRegistry,
  SqlitePrincipalStore,
} from '@blue-ledger/access';
import { registerPrincipals } from './principals';

describe('ledger principals', () => {
  let dataDir: string;
  let printed: string[];
  const saved = { ...process.env };

  const ledger = async (...args: string[]) => {
    const program = new Command('ledger').exitOverride();
    registerPrincipals(program);
    await program.parseAsync(['node', 'ledger', ...args]);
  };
  const authenticate = async (token: string) => {
    const db = new BetterSqlite3(path.join(dataDir, 'ledger.sqlite'));
    try {
      return await new PrincipalAuthenticator(
        new PrincipalRegistry([]),
        new SqlitePrincipalStore(db),
      ).authenticate(token);
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    process.env.LEDGER_DATA_DIR = dataDir;
    delete process.env.LEDGER_PRINCIPALS;
    printed = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...saved };
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a principal whose token, shown once, authenticates until it is revoked', async () => {
    await ledger(
      'principals',
      'create',
      '--id',
      'pm-ken',
      '--name',
      'Permanent Mission of Kenya',
      '--role',
      'tcc_liaison',
      '--country',
      'KEN',
    );
    const token = /token \(shown once, keep it safe\): (\S+)/.exec(printed.join('\n'))?.[1];
    expect(token).toMatch(/^bl_/);
    expect(await authenticate(token!)).toEqual({
      id: 'pm-ken',
      name: 'Permanent Mission of Kenya',
      roles: ['tcc_liaison'],
      country: 'KEN',
    });

    printed = [];
    await ledger('principals', 'list');
    expect(printed.join('\n')).toMatch(
      /pm-ken\tPermanent Mission of Kenya\ttcc_liaison\tKEN\t1 live token/,
    );
    expect(printed.join('\n')).not.toContain(token!);

    await ledger('principals', 'revoke', 'pm-ken');
    expect(await authenticate(token!)).toBeUndefined();
  });

  it('keeps only a salted hash of the token in the file', async () => {
    await ledger('principals', 'create', '--id', 'oios', '--name', 'OIOS', '--role', 'oversight');
    const token = /keep it safe\): (\S+)/.exec(printed.join('\n'))![1];
    const secret = token.split('.')[1];
    const bytes =
      fs.readFileSync(path.join(dataDir, 'ledger.sqlite')).toString('latin1') +
      (fs.existsSync(path.join(dataDir, 'ledger.sqlite-wal'))
        ? fs.readFileSync(path.join(dataDir, 'ledger.sqlite-wal')).toString('latin1')
        : '');
    expect(bytes).not.toContain(secret);
    expect(bytes).toContain('scrypt$');
  });

  it('refuses a liaison without a country', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(
      ledger('principals', 'create', '--name', 'Somebody', '--role', 'tcc_liaison'),
    ).rejects.toThrow(/needs --country/);
    error.mockRestore();
  });
});
