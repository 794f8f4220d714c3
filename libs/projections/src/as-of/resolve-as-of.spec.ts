import Database from 'better-sqlite3';
import fc from 'fast-check';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import type { SqliteDatabase } from '../sqlite/database';
import { LedgerHistory, project } from '../testing/ledger-history';
import { recordedOrderProjection } from './recorded-order.projection';
import { resolveAsOf } from './resolve-as-of';

const START = Date.UTC(2016, 1, 17, 22);
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

/** Events at positions 10, 20, 30, ... stamped at these minutes after START. */
function ledgerStampedAt(db: SqliteDatabase, minutes: number[]): void {
  const h = new LedgerHistory();
  minutes.forEach((m, i) =>
    h.record(
      `incident-${i}`,
      { type: 'IncidentClosed', data: { incidentId: `${i}`, reason: 'x' } },
      { recordedAt: at(m) },
    ),
  );
  [auditTrailProjection, recordedOrderProjection].forEach((p) => project(db, p, h.events));
}

describe('Resolving an instant to a position', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  const positionAt = (minutes: number, through: number | null = 1_000) =>
    resolveAsOf(db, at(minutes), through).position;

  describe('given stamps that never decrease along the global order', () => {
    beforeEach(() => ledgerStampedAt(db, [0, 5, 5, 9]));

    it('answers the last position recorded at or before the instant', () => {
      expect([-1, 0, 4, 5, 8, 9, 60].map((m) => positionAt(m))).toEqual([
        null,
        10,
        10,
        30,
        30,
        40,
        40,
      ]);
    });

    it('answers an instant in the future with the last position the read models hold', () => {
      expect(positionAt(60, 40)).toBe(40);
      expect(positionAt(60, 30)).toBe(30);
      expect(positionAt(60, null)).toBe(null);
      expect(positionAt(-1, 30)).toBe(null);
    });

    it('carries the instant in UTC to the millisecond', () => {
      expect(resolveAsOf(db, '2016-02-18T01:05:00+03:00', 40)).toEqual({
        asOf: '2016-02-17T22:05:00.000Z',
        position: 30,
      });
    });

    it('refuses what is not an instant', () => {
      expect(() => resolveAsOf(db, 'yesterday', 40)).toThrow(RangeError);
    });
  });

  describe('given stamps out of order, as two writers with clocks apart make them', () => {
    beforeEach(() => ledgerStampedAt(db, [1, 3, 2, 4, 3.5, 6]));

    it('answers the last position whose stamp is at or before the instant, not the latest stamp', () => {
      expect([0.5, 1, 2, 2.5, 3, 3.5, 4, 5, 6].map((m) => positionAt(m))).toEqual([
        null,
        10,
        30,
        30,
        30,
        50,
        50,
        50,
        60,
      ]);
    });
  });

  it('agrees with a scan of every stamp, capped at the read models, for any stamps, instant and read-model position', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -2, max: 45 }),
        fc.option(fc.integer({ min: 0, max: 320 }), { nil: null }),
        (minutes, instant, through) => {
          const scratch = new Database(':memory:');
          try {
            ledgerStampedAt(scratch, minutes);
            const last = minutes.reduce<number | null>(
              (found, m, i) => (m <= instant ? (i + 1) * 10 : found),
              null,
            );
            const expected = last === null || through === null ? null : Math.min(last, through);
            expect(resolveAsOf(scratch, at(instant), through).position).toBe(expected);
          } finally {
            scratch.close();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
