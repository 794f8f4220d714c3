import { SqliteEventStore } from '@blue-ledger/event-store';
import BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ledgerProjections } from './all-projections';
import { getTimeline } from './incident-timeline/incident-timeline.queries';
import { ProjectionRunner } from './projection-runner';
import type { SqliteDatabase } from './sqlite/database';
import { syntheticLedger } from './testing/synthetic-ledger';

const EVENTS = 10_000;

describe('Read-model queries at size', () => {
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

  // Their latency is measured by `npm run bench` at a million events, not asserted here.
  it('answers a timeline in either order and as known at any time', () => {
    const [incidentId] = db
      .prepare('SELECT id FROM incident_summaries ORDER BY random() LIMIT 1')
      .pluck()
      .all() as string[];
    const occurred = getTimeline(db, incidentId).entries;
    expect(occurred.length).toBeGreaterThan(0);
    expect(getTimeline(db, incidentId, { order: 'recorded' }).entries).toHaveLength(
      occurred.length,
    );
  });

  const plan = (sql: string) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
      .map((row) => row.detail)
      .join('; ');

  it('finds both by index, so that their cost follows the size of the answer, not of the ledger', () => {
    expect(
      plan(`SELECT * FROM incident_timeline_entries WHERE incident_id = 'x' AND position <= 1`),
    ).toContain('USING INDEX incident_timeline_entries_by_incident');
    expect(
      plan(`SELECT * FROM contingent_history_facts WHERE contingent_id = 'x' ORDER BY position`),
    ).toContain('USING INDEX contingent_history_facts_by_contingent');
  });

  it('lists current documents from the index over the open versions, and documents as of a position from the index over all versions', () => {
    const list = (versions: string) =>
      plan(
        `SELECT position, doc FROM incident_summaries
         WHERE ${versions} AND position > -1 AND status = 'open' ORDER BY position LIMIT 101`,
      );

    expect(list('valid_to IS NULL')).toContain('USING INDEX incident_summaries_by_status_position');
    expect(
      list('valid_from <= 50 AND (valid_to IS NULL OR valid_to > 50) AND position <= 50'),
    ).toContain('USING INDEX incident_summaries_versions_by_status_position');
    expect(
      plan(
        `SELECT doc FROM incident_summaries WHERE id = 'x' AND valid_from <= 50 ORDER BY valid_from DESC LIMIT 1`,
      ),
    ).toContain('USING INDEX sqlite_autoindex_incident_summaries_1');
  });

  it("finds a history page's notifications and their replies by what they are about", () => {
    expect(
      plan(
        `SELECT position FROM contingent_history_facts
         WHERE subject_id IN (SELECT value FROM json_each('["x"]')) AND kind = 'response'
           AND +position <= 100 AND +contingent_id = 'c'`,
      ),
    ).toContain('USING INDEX contingent_history_facts_replies');
    expect(
      plan(
        `SELECT subject_id FROM contingent_history_facts
         WHERE subject_id IN (SELECT value FROM json_each('["x"]')) AND kind = 'notification'
           AND +position <= 100 AND +contingent_id = 'c'`,
      ),
    ).toContain('USING INDEX contingent_history_facts_notifications');
  });

  it("reads a history's first page, its unit and its deadlines by the unit's indexes, whatever its life", () => {
    // The unit's state (the route's existence and country check, and the page's header).
    expect(
      plan(
        `SELECT doc FROM contingent_states WHERE id = 'c' AND valid_to IS NULL
         ORDER BY valid_from DESC LIMIT 1`,
      ),
    ).toMatch(/SEARCH contingent_states USING (INDEX|PRIMARY KEY).*\(id=\?/);
    // The page: a range of the unit's facts, each event found by its position.
    const page = plan(
      `SELECT f.kind, e.data FROM contingent_history_facts f
       JOIN audit_trail_events e ON e.global_position = f.position
       WHERE f.contingent_id = 'c' AND f.position > -1 AND f.position <= 1000
       ORDER BY f.position LIMIT 101`,
    );
    expect(page).toContain(
      'USING INDEX contingent_history_facts_by_contingent (contingent_id=? AND position>? AND position<?)',
    );
    expect(page).not.toContain('USE TEMP B-TREE');
    expect(
      plan(
        `SELECT doc FROM deadlines WHERE contingent_id = 'c' AND valid_to IS NULL AND applies = 1
         AND position > -1 AND position <= 1000 ORDER BY seq`,
      ),
    ).toContain('USING INDEX deadlines_by_contingent_id_seq');
  });

  it('resolves an instant to a position by one lookup in the recorded-order read model', () => {
    expect(
      plan(
        `SELECT last_position FROM recorded_order WHERE min_ms <= 1 ORDER BY min_ms DESC LIMIT 1`,
      ),
    ).toBe('SEARCH recorded_order USING PRIMARY KEY (min_ms<?)');
  });
});
