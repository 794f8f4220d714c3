import path from 'node:path';
import { Pool } from 'pg';
import { type RunningChild, startChild } from '../testing/child-process';
import { EVENT_MIGRATIONS } from './event-schema';
import { type Migration, runMigrations } from './schema-migrations';
import { quotedSchema } from './sql-names';
import { describeOnPostgres, dropSchema, uniqueSchema } from './testing/test-database';

/** Three migrations of a toy component; each leaves a trace of the order it ran in. */
const toyMigrations: Migration[] = [
  {
    version: 1,
    name: 'create the table',
    sql: (s) => `CREATE TABLE ${s}.toy (step integer NOT NULL);
                 INSERT INTO ${s}.toy VALUES (1);`,
  },
  {
    version: 2,
    name: 'add a column',
    sql: (s) => `ALTER TABLE ${s}.toy ADD COLUMN note text;
                 INSERT INTO ${s}.toy VALUES (2, 'after the column');`,
  },
  { version: 3, name: 'a third step', sql: (s) => `INSERT INTO ${s}.toy VALUES (3, 'last');` },
];

describeOnPostgres('Schema migrations on PostgreSQL', (url) => {
  let schema: string;
  let pool: Pool;
  let children: RunningChild[] = [];

  const rows = async <T>(sql: string) => (await pool.query(sql)).rows as T[];

  beforeEach(() => {
    schema = uniqueSchema();
    pool = new Pool({ connectionString: url, max: 2 });
  });

  afterEach(async () => {
    const running = children.filter((c) => c.process.exitCode === null && !c.process.killed);
    children = [];
    running.forEach((child) => child.process.kill('SIGKILL'));
    await Promise.all(running.map((child) => child.exited));
    await pool.end();
    await dropSchema(url, schema);
  });

  it('runs each migration once, in order, and records it', async () => {
    const first = await runMigrations(pool, schema, 'toy', toyMigrations.slice(0, 1));
    const rest = await runMigrations(pool, schema, 'toy', toyMigrations);
    const again = await runMigrations(pool, schema, 'toy', toyMigrations);

    expect([first.applied, rest.applied, again.applied]).toEqual([[1], [2, 3], []]);
    expect(await rows(`SELECT step FROM ${quotedSchema(schema)}.toy ORDER BY step`)).toEqual([
      { step: 1 },
      { step: 2 },
      { step: 3 },
    ]);
    expect(
      await rows(
        `SELECT version, name FROM ${quotedSchema(schema)}.schema_migrations ORDER BY version`,
      ),
    ).toEqual(toyMigrations.map(({ version, name }) => ({ version, name })));
  });

  it('keeps the versions of each component apart', async () => {
    await runMigrations(pool, schema, 'toy', toyMigrations);
    const events = await runMigrations(pool, schema, 'events', EVENT_MIGRATIONS);

    expect(events.applied).toEqual(EVENT_MIGRATIONS.map((m) => m.version));
  });

  it('applies nothing of a failing migration, nor of those after it', async () => {
    const failing: Migration[] = [
      ...toyMigrations.slice(0, 1),
      { version: 2, name: 'half done', sql: (s) => `INSERT INTO ${s}.toy VALUES (2); SELECT 1/0;` },
      toyMigrations[2],
    ];
    await runMigrations(pool, schema, 'toy', toyMigrations.slice(0, 1));

    await expect(runMigrations(pool, schema, 'toy', failing)).rejects.toThrow(/division by zero/);

    expect(await rows(`SELECT step FROM ${quotedSchema(schema)}.toy`)).toEqual([{ step: 1 }]);
    expect(await rows(`SELECT version FROM ${quotedSchema(schema)}.schema_migrations`)).toEqual([
      { version: 1 },
    ]);
  });

  it('refuses to start when a migration that ran was edited since', async () => {
    await runMigrations(pool, schema, 'toy', toyMigrations);
    const edited = toyMigrations.map((m) =>
      m.version === 2 ? { ...m, sql: (s: string) => `${m.sql(s)} SELECT 1;` } : m,
    );

    await expect(runMigrations(pool, schema, 'toy', edited)).rejects.toThrow(
      /must never be edited/,
    );
  });

  it('refuses to start on a schema newer than the code', async () => {
    await runMigrations(pool, schema, 'toy', toyMigrations);

    await expect(runMigrations(pool, schema, 'toy', toyMigrations.slice(0, 2))).rejects.toThrow(
      /newer than this code knows/,
    );
  });

  it('refuses migrations that are not numbered 1, 2, 3...', async () => {
    await expect(
      runMigrations(pool, schema, 'toy', [toyMigrations[0], toyMigrations[2]]),
    ).rejects.toThrow(/must be version 2/);
  });

  describe('when several processes start at once on a new schema', () => {
    it('migrates it once, and every process starts', async () => {
      const script = path.join(__dirname, 'testing', 'open-store.child.ts');
      children = Array.from({ length: 6 }, () => startChild(script, [url, schema]));
      await Promise.all(
        children.map((c) => c.waitForLines((lines) => lines.includes('ready'), 60_000)),
      );

      children.forEach((child) => child.process.stdin?.end('go\n'));
      const exits = await Promise.all(children.map((child) => child.exited));

      exits.forEach((exit) => expect(exit).toMatchObject({ code: 0, stderr: '' }));
      children.forEach((child) =>
        expect(child.lines).toContainEqual(expect.stringMatching(/^appended \d+$/)),
      );
      expect(
        await rows(
          `SELECT component, version FROM ${quotedSchema(schema)}.schema_migrations ORDER BY version`,
        ),
      ).toEqual(EVENT_MIGRATIONS.map((m) => ({ component: 'events', version: m.version })));
      expect(await rows(`SELECT count(*)::int AS n FROM ${quotedSchema(schema)}.events`)).toEqual([
        { n: 6 },
      ]);
    });
  });
});
