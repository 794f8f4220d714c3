import { SqliteEventStore } from '@blue-ledger/event-store';
import BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ledgerProjections } from './all-projections';
import { ProjectionRunner } from './projection-runner';
import type { SqliteDatabase } from './sqlite/database';
import { accountabilityScenario } from './testing/accountability-scenario';
import { dyingAfter } from './testing/failing-store';
import { appendAll } from './testing/ledger-history';
import { syntheticLedger, type SyntheticEvent } from './testing/synthetic-ledger';
import { dumpTables, tablesOf } from './testing/table-dump';

const quiet = { log: () => undefined, error: () => undefined };
const synthetic = [...syntheticLedger(3500)];

describe('The read models on the embedded SQLite store', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: SqliteEventStore;
  const projections = ledgerProjections();
  const dump = () => dumpTables(db, tablesOf(projections));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    db = new BetterSqlite3(path.join(dir, 'ledger.sqlite'));
    store = new SqliteEventStore(db, { pollIntervalMs: 10 });
    db.pragma('synchronous = OFF'); // seeding speed only: durability is not what these tests are about
    await appendAll(store, accountabilityScenario().events);
    await appendSynthetic(store, synthetic.slice(0, 3000));
  });

  afterEach(async () => {
    await store.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds, live and incrementally, exactly what a rebuild from zero builds', async () => {
    const runner = new ProjectionRunner(store, db, projections, { logger: quiet, batchSize: 200 });
    await runner.start();
    await appendSynthetic(store, synthetic.slice(3000));
    await runner.waitFor((await store.headPosition()) ?? 0n, 10_000);
    const incremental = dump();
    for (const table of [
      'incident_timeline_entries',
      'contingent_history_facts',
      'incident_summaries',
    ]) {
      expect(incremental[table].length).toBeGreaterThan(100);
    }

    await runner.rebuild();

    expect(dump()).toEqual(incremental);
    expect(runner.status).toBe('live');
    await runner.stop();
  });

  it.each([
    ['between two batches', 400],
    ['in the middle of a batch', 1234],
  ])('ends equal to a rebuild when killed mid-catch-up %s, then started again', async (_, n) => {
    const killed = new ProjectionRunner(dyingAfter(store, n), db, projections, {
      logger: quiet,
      batchSize: 200,
    });
    await expect(killed.start()).rejects.toThrow(`killed after ${n} events`);
    const applied = killed.checkpoints().map((c) => c.position);
    const head = Number(await store.headPosition());

    const restarted = new ProjectionRunner(store, db, projections, {
      logger: quiet,
      batchSize: 200,
    });
    await restarted.start();
    const resumed = dump();
    await restarted.rebuild();

    expect(applied.every((p) => p !== null && p < head)).toBe(true);
    expect(dump()).toEqual(resumed);
    await restarted.stop();
  });
});

async function appendSynthetic(store: SqliteEventStore, events: SyntheticEvent[]): Promise<void> {
  for (const { streamId, event } of events) await store.appendToStream(streamId, [event]);
}
