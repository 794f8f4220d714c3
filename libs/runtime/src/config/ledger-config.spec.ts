import { ConfigurationError, loadConfig } from './ledger-config';

describe('loadConfig', () => {
  describe('with LEDGER_STORE=postgres', () => {
    it('takes the database from DATABASE_URL and keeps the read models in a local file', () => {
      const config = loadConfig({
        LEDGER_STORE: 'postgres',
        DATABASE_URL: 'postgresql://ledger@db.example:5432/blue_ledger',
        LEDGER_DATA_DIR: '/srv/ledger',
      });
      expect(config).toMatchObject({
        store: 'postgres',
        databaseUrl: 'postgresql://ledger@db.example:5432/blue_ledger',
        readModelsFile: '/srv/ledger/read-models.sqlite',
      });
    });

    it('refuses to start without DATABASE_URL, naming it', () => {
      expect(() => loadConfig({ LEDGER_STORE: 'postgres' })).toThrow(
        /DATABASE_URL: DATABASE_URL is required when LEDGER_STORE=postgres/,
      );
    });

    it('refuses a DATABASE_URL that is not a PostgreSQL connection URL', () => {
      expect(() =>
        loadConfig({ LEDGER_STORE: 'postgres', DATABASE_URL: 'mysql://db/ledger' }),
      ).toThrow(ConfigurationError);
      expect(() =>
        loadConfig({ LEDGER_STORE: 'postgres', DATABASE_URL: 'mysql://db/ledger' }),
      ).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection URL/);
    });

    it('gives the holders of the work for all a lease of 30 s unless told another', () => {
      const env = { LEDGER_STORE: 'postgres', DATABASE_URL: 'postgresql://db/ledger' };
      expect(loadConfig(env).leaseSeconds).toBe(30);
      expect(loadConfig({ ...env, LEDGER_LEASE_SECONDS: '5' }).leaseSeconds).toBe(5);
      for (const bad of ['0', '-3', '2.5', 'soon', '3601']) {
        expect(() => loadConfig({ ...env, LEDGER_LEASE_SECONDS: bad })).toThrow(
          /LEDGER_LEASE_SECONDS: /,
        );
      }
    });
  });

  it('refuses a store it does not know', () => {
    expect(() => loadConfig({ LEDGER_STORE: 'mysql' })).toThrow(/LEDGER_STORE/);
  });

  describe('LEDGER_READ_WAIT_MS', () => {
    it('is 5 seconds unless set, and takes a whole number of milliseconds', () => {
      expect(loadConfig({}).readWaitMs).toBe(5000);
      expect(loadConfig({ LEDGER_READ_WAIT_MS: '250' }).readWaitMs).toBe(250);
    });

    it('refuses what is not a whole number of milliseconds up to a minute, naming it', () => {
      for (const value of ['soon', '-1', '1.5', '60001']) {
        expect(() => loadConfig({ LEDGER_READ_WAIT_MS: value })).toThrow(/LEDGER_READ_WAIT_MS/);
      }
    });
  });
});
