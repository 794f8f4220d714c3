import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { quotedSchema } from './sql-names';

/**
 * A versioned migration. `sql` gets the quoted schema name and returns the statements (several
 * are allowed, dollar-quoted bodies included). Never edit a migration that has shipped: the
 * checksum recorded when it ran is compared at every start; add the next one instead.
 */
export interface Migration {
  version: number;
  name: string;
  sql: (schema: string) => string;
}

/** Advisory-lock class of the migrations; the other key is `hashtext(schema)`. */
export const MIGRATIONS_LOCK_CLASS = 0x426c4c00;

export interface MigrationRun {
  /** Versions this call applied, in order; empty when another process had done the work. */
  applied: number[];
}

const checksumOf = (migration: Migration): string =>
  createHash('sha256').update(migration.sql('"{schema}"')).digest('hex');

/**
 * Brings one component's tables (`events`, later the read models...) in `schema` up to date.
 * Safe when several processes start at once: everything happens in one transaction that
 * first takes an advisory lock on the schema, so one process migrates and the others wait,
 * then find the versions recorded in `schema_migrations` and apply nothing. A migration and
 * its row commit together: each runs once, in order, or not at all. (A migration that cannot
 * run in a transaction, such as CREATE INDEX CONCURRENTLY, needs its own runner.)
 */
export async function runMigrations(
  pool: Pool,
  schema: string,
  component: string,
  migrations: readonly Migration[],
): Promise<MigrationRun> {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(`${component} migration ${migration.name} must be version ${i + 1}`);
    }
  });
  const s = quotedSchema(schema);
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      MIGRATIONS_LOCK_CLASS,
      schema,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
         component  text        NOT NULL,
         version    integer     NOT NULL CHECK (version > 0),
         name       text        NOT NULL,
         checksum   text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (component, version)
       )`,
    );
    const { rows: recorded } = await client.query<{
      version: number;
      name: string;
      checksum: string;
    }>(
      `SELECT version, name, checksum FROM ${s}.schema_migrations
       WHERE component = $1 ORDER BY version`,
      [component],
    );
    if (recorded.length > migrations.length) {
      throw new Error(
        `the ${component} schema in ${schema} is at version ${recorded.length}, newer than this code knows (${migrations.length})`,
      );
    }
    recorded.forEach((row, i) => {
      const known = migrations[i];
      if (row.version !== known.version || row.checksum !== checksumOf(known)) {
        throw new Error(
          `${component} migration ${row.version} (${row.name}) in ${schema} differs from this code's ` +
            `${known.version} (${known.name}): a migration that ran must never be edited`,
        );
      }
    });
    const pending = migrations.slice(recorded.length);
    for (const migration of pending) {
      await client.query(migration.sql(s));
      await client.query(
        `INSERT INTO ${s}.schema_migrations (component, version, name, checksum)
         VALUES ($1, $2, $3, $4)`,
        [component, migration.version, migration.name, checksumOf(migration)],
      );
    }
    await client.query('COMMIT');
    return { applied: pending.map((migration) => migration.version) };
  } catch (error) {
    failed = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(failed);
  }
}

/**
 * How every PostgreSQL-backed store opens: the schema name is checked (one rule, quotedSchema),
 * the component's migrations are run, and the quoted schema is returned to splice into SQL.
 */
export async function openMigratedSchema(
  pool: Pool,
  schema: string,
  component: string,
  migrations: readonly Migration[],
): Promise<string> {
  const quoted = quotedSchema(schema);
  await runMigrations(pool, schema, component, migrations);
  return quoted;
}
