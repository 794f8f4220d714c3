import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { SqliteDatabase } from '../sqlite/database';
import { accountabilityScenario } from '../testing/accountability-scenario';
import { project } from '../testing/ledger-history';
import { auditTrailProjection } from './audit-trail.projection';
import { getAuditEvent, getAuditTrail, type AuditTrailQuery } from './audit-trail.queries';
import { ENVELOPES, envelopeModeOf } from './event-envelopes';

const events = accountabilityScenario().events;
const asAudited = (event: (typeof events)[number]) => ({
  ...event,
  streamRevision: Number(event.streamRevision),
  globalPosition: Number(event.globalPosition),
});

describe('Audit trail', () => {
  let db: SqliteDatabase;
  beforeAll(() => {
    db = new Database(':memory:');
    project(db, auditTrailProjection, events);
  });
  afterAll(() => db.close());

  describe('given the events of Malakal and Juba', () => {
    it('lists every event in the global order with its whole envelope, hashes included', () => {
      const { events: audited, next } = getAuditTrail(db, { limit: 500 });

      expect(audited).toEqual(events.map(asAudited));
      expect(audited[0]).toMatchObject({ prevHash: 'hash-0', hash: 'hash-1' });
      expect(next).toBeNull();
    });

    it('keeps the stored data as it was written, personal field included', () => {
      const report = events.find((e) => e.type === 'IncidentReported' && e.data.personal);

      expect(getAuditEvent(db, Number(report?.globalPosition))?.data).toEqual(report?.data);
    });

    it('filters by stream, actor, type and recorded time', () => {
      const byStream = getAuditTrail(db, { streamId: 'decision-repatriate-chn-co' }).events;
      const byActor = getAuditTrail(db, { actorId: 'usg-dpo' }).events;
      const byType = getAuditTrail(db, { type: 'FindingRecorded' }).events;
      const inOctober = getAuditTrail(db, {
        from: '2016-10-01T00:00:00Z',
        to: '2016-10-31T23:59:59+00:00',
      }).events;

      expect(byStream.map((e) => e.type)).toEqual([
        'RepatriationDecided',
        'RepatriationImplemented',
      ]);
      expect(byActor).toHaveLength(5);
      expect(byActor.every((e) => e.actor.role === 'decision_authority')).toBe(true);
      expect(byType.map((e) => e.data.findingId)).toEqual([
        'finding-malakal-post',
        'finding-abandonment',
        'finding-fpu-conduct',
        'finding-leadership',
      ]);
      expect(inOctober.map((e) => e.type)).toEqual([
        'FindingRecorded',
        'FindingRecorded',
        'FindingRecorded',
        'FindingRevised',
        'FindingWithdrawn',
      ]);
    });

    it('rejects a time bound that is not an instant', () => {
      expect(() => getAuditTrail(db, { from: 'last tuesday' })).toThrow(RangeError);
    });

    it('returns nothing for a position it never held', () => {
      expect(getAuditEvent(db, 5)).toBeNull();
    });
  });

  describe('when read page by page', () => {
    it('gives, page after page, exactly the filtered events in order, for any page size and filter', () => {
      const filters = fc.record(
        {
          type: fc.constantFrom(...new Set(events.map((e) => e.type))),
          actorId: fc.constantFrom('investigator-1', 'investigator-7', 'usg-dpo', 'nobody'),
          from: fc.constantFrom('2016-02-01T00:00:00Z', '2016-10-05T00:00:00Z'),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(filters, fc.integer({ min: 1, max: 7 }), (filter: AuditTrailQuery, limit) => {
          const pages: number[] = [];
          let after: number | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const page = getAuditTrail(db, { ...filter, after, limit });
            pages.push(...page.events.map((e) => e.globalPosition));
            if (page.next === null) break;
            after = page.next;
          }
          const expected = events
            .filter((e) => filter.type === undefined || e.type === filter.type)
            .filter((e) => filter.actorId === undefined || e.actor.id === filter.actorId)
            .filter((e) => filter.from === undefined || e.recordedAt >= filter.from.slice(0, 19))
            .map((e) => Number(e.globalPosition));
          expect(pages).toEqual(expected);
        }),
      );
    });
  });

  describe("when the embedded store's events table shares the database", () => {
    let shared: SqliteDatabase;
    beforeEach(() => {
      shared = new Database(':memory:');
      createStoreTable(shared);
      const insert = shared.prepare(
        `INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const e of events) {
        insert.run(
          e.globalPosition,
          e.eventId,
          e.streamId,
          e.streamRevision,
          e.type,
          e.schemaVersion,
          e.recordedAt,
          e.occurredAt ?? null,
          e.actor.id,
          e.actor.role,
          e.correlationId,
          e.causationId,
          JSON.stringify(e.data),
          e.prevHash,
          e.hash,
        );
      }
    });
    afterEach(() => shared.close());

    it('views that table instead of copying every event, and reads the same trail', () => {
      project(shared, auditTrailProjection, events);

      expect(envelopeModeOf(shared)).toBe('view');
      expect(getAuditTrail(shared, { limit: 500 })).toEqual(getAuditTrail(db, { limit: 500 }));
      expect(getAuditTrail(shared, { actorId: 'usg-dpo', from: '2016-09-01T00:00:00Z' })).toEqual(
        getAuditTrail(db, { actorId: 'usg-dpo', from: '2016-09-01T00:00:00Z' }),
      );
    });

    it('replaces copies made before the table was there', () => {
      auditTrailProjection.setup(shared);
      shared.exec(`DROP VIEW ${ENVELOPES}`);
      shared.exec(`CREATE TABLE ${ENVELOPES} AS SELECT * FROM events`);

      auditTrailProjection.setup(shared);

      expect(envelopeModeOf(shared)).toBe('view');
    });

    it('refuses to set up once the viewed table is gone, until rebuilt', () => {
      auditTrailProjection.setup(shared);
      shared.exec('DROP TABLE events');

      expect(() => auditTrailProjection.setup(shared)).toThrow(
        'rebuild the audit-trail projection',
      );
      auditTrailProjection.reset(shared);
      auditTrailProjection.setup(shared);
      expect(envelopeModeOf(shared)).toBe('copy');
    });
  });
});

/** The embedded store's table, as its adapter creates it (libs/event-store/src/sqlite). */
function createStoreTable(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL,
    stream_revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    occurred_at TEXT,
    actor_id TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT NOT NULL,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, stream_revision)
  ) STRICT`);
}
