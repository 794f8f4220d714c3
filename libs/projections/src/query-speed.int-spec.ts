import { SqliteEventStore } from '@blue-ledger/event-store';
import BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ledgerProjections } from './all-projections';
import { getContingentHistory } from './contingent-history/contingent-history.queries';
import { getTimeline } from './incident-timeline/incident-timeline.queries';
import { ProjectionRunner } from './projection-runner';
import type { SqliteDatabase } from './sqlite/database';
import { syntheticLedger } from './testing/synthetic-ledger';

const EVENTS = 30_000;

const p99 = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.99) - 1];
};

const timed = (work: () => unknown): number => {
  const start = performance.now();
  work();
  return performance.now() - start;
};

describe('Query speed', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    db = new BetterSqlite3(path.join(dir, 'ledger.sqlite'));
    store = new SqliteEventStore(db);
    db.pragma('synchronous = OFF'); // seeding speed only
    for (const { streamId, event } of syntheticLedger(EVENTS)) {
      await store.appendToStream(streamId, [event]);
    }
    const runner = new ProjectionRunner(store, db, ledgerProjections());
    await runner.start();
    await runner.stop();
  });

  afterAll(async () => {
    await store.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const sample = (sql: string, count: number): string[] =>
    db.prepare(`${sql} ORDER BY random() LIMIT ${count}`).pluck().all() as string[];

  it('reads an incident timeline, in either order and as known at any time, in under 20 ms (p99)', () => {
    const incidents = sample('SELECT id FROM incident_summaries', 200);
    const durations = incidents.flatMap((incidentId) => [
      timed(() => getTimeline(db, incidentId)),
      timed(() => getTimeline(db, incidentId, { order: 'recorded' })),
      timed(() => getTimeline(db, incidentId, { asOf: '2010-03-01T00:00:00.000Z' })),
    ]);

    expect(getTimeline(db, incidents[0]).entries.length).toBeGreaterThan(0);
    expect(p99(durations)).toBeLessThan(20);
  });

  it('reads a contingent history in under 100 ms (p99)', () => {
    const contingents = sample('SELECT id FROM contingent_states', 60);
    const durations = contingents.map((id) => timed(() => getContingentHistory(db, id)));

    expect(p99(durations)).toBeLessThan(100);
  });

  it('finds both by index, so that their cost follows the size of the answer, not of the ledger', () => {
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');

    expect(
      plan(`SELECT * FROM incident_timeline_entries WHERE incident_id = 'x' AND known_ms <= 1`),
    ).toContain('USING INDEX incident_timeline_entries_by_incident');
    expect(
      plan(`SELECT * FROM contingent_history_facts WHERE contingent_id = 'x' ORDER BY position`),
    ).toContain('USING INDEX contingent_history_facts_by_contingent');
  });
});
