import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { quotedSchema } from '../sql-names';

/** The PostgreSQL the tests use, or undefined: `.ci/postgres.sh start` prints one. */
export const DATABASE_URL = process.env.DATABASE_URL || undefined;

/**
 * `describe` when DATABASE_URL is set; otherwise the block is skipped, and says so in its name
 * and on the console, as the EventStoreDB tier does with EVENTSTORE_URL.
 */
export function describeOnPostgres(name: string, body: (url: string) => void): void {
  if (DATABASE_URL === undefined && process.env.CI) {
    // CI (.ci/run) always starts a PostgreSQL: its absence there is a failure, not a skip.
    describe(name, () => {
      it('runs on CI, where DATABASE_URL must be set', () => {
        throw new Error('DATABASE_URL is not set on CI: .ci/run starts PostgreSQL before npm test');
      });
    });
    return;
  }
  if (DATABASE_URL === undefined) {
    console.warn(
      `DATABASE_URL is not set: "${name}" was NOT run (start a throwaway PostgreSQL with: eval "$(bash .ci/postgres.sh start)")`,
    );
    describe.skip(`${name} (skipped: DATABASE_URL is not set)`, () => body(''));
    return;
  }
  const url = DATABASE_URL;
  describe(name, () => body(url));
}

/** A schema name no other test or run uses: each test works in its own. */
export const uniqueSchema = (): string => `bl_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** Runs one piece of SQL on a connection of its own. */
export async function onConnection<T>(url: string, work: (client: Client) => Promise<T>) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const dropSchema = (url: string, schema: string): Promise<void> =>
  onConnection(url, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${quotedSchema(schema)} CASCADE`);
  });
