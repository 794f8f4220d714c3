import type { RecordedEvent } from '@blue-ledger/event-store';
import Database from 'better-sqlite3';
import { applyEvent, batched, type Projection } from '../projection';
import type { SqliteDatabase } from './database';
import { DocumentTable } from './document-table';
import { applyingEvent } from './event-being-applied';
import { pageOfDocuments } from './page';

/** A case file whose status changes: the smallest document that has versions. */
interface CaseFile {
  caseId: string;
  status: 'open' | 'closed';
  note: string;
  opened: number;
}

const caseFiles = new DocumentTable<CaseFile>({
  table: 'case_files',
  columns: [
    { name: 'status', type: 'TEXT', value: (d) => d.status },
    { name: 'position', type: 'INTEGER', value: (d) => d.opened },
  ],
  indexes: [['position'], ['status', 'position']],
});

type CaseEvent = { caseId: string } & (
  | { type: 'Opened' }
  | { type: 'Closed'; note: string }
  | { type: 'Reopened'; note: string }
  | { type: 'Noted'; note: string }
);

const projection: Projection = {
  name: 'case-files',
  version: 1,
  setup: (db) => caseFiles.create(db),
  reset: (db) => caseFiles.drop(db),
  ...batched((db) => {
    const files = caseFiles.session(db);
    return {
      apply(event) {
        const e = event.data as CaseEvent;
        files.update(e.caseId, (doc) => {
          const position = Number(event.globalPosition);
          if (e.type === 'Opened')
            return { caseId: e.caseId, status: 'open', note: '', opened: position };
          if (doc === null) return null;
          if (e.type === 'Closed') return { ...doc, status: 'closed', note: e.note };
          if (e.type === 'Reopened') return { ...doc, status: 'open', note: e.note };
          return { ...doc, note: e.note };
        });
        // A second write of the same document by the same event makes no second version.
        if (e.type === 'Noted') files.update(e.caseId, (doc) => doc && { ...doc });
      },
      flush: () => files.flush(),
    };
  }),
};

const eventAt = (position: number, data: CaseEvent): RecordedEvent => ({
  eventId: `event-${position}`,
  type: data.type,
  schemaVersion: 1,
  data,
  recordedAt: new Date(Date.UTC(2016, 1, 17) + position * 60_000).toISOString(),
  actor: { id: 'clerk', role: 'investigator' },
  correlationId: 'c',
  causationId: 'c',
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
  streamId: `case-${data.caseId}`,
  streamRevision: 0n,
  globalPosition: BigInt(position),
});

/** Malakal's file opened at 10, closed at 20, reopened at 30; Juba's opened at 15, noted at 25. */
const history = [
  eventAt(10, { type: 'Opened', caseId: 'malakal' }),
  eventAt(15, { type: 'Opened', caseId: 'juba' }),
  eventAt(20, { type: 'Closed', caseId: 'malakal', note: 'Board of Inquiry reported' }),
  eventAt(25, { type: 'Noted', caseId: 'juba', note: 'Special investigation ordered' }),
  eventAt(30, { type: 'Reopened', caseId: 'malakal', note: 'New testimony' }),
];

describe('A document table', () => {
  let db: SqliteDatabase;

  beforeEach(() => {
    db = new Database(':memory:');
    projection.setup(db);
  });
  afterEach(() => db.close());

  const statusOf = (upTo?: number) => caseFiles.get(db, 'malakal', upTo)?.status ?? null;
  const listed = (status: 'open' | 'closed' | undefined, upTo?: number) =>
    pageOfDocuments<CaseFile>(db, caseFiles.name, { status }, { upTo }).items.map((d) => d.caseId);

  describe('given a document changed three times', () => {
    beforeEach(() => db.transaction(() => projection.applyBatch?.(db, history))());

    it('answers each version in the range of positions it was valid for', () => {
      expect([5, 9, 10, 19, 20, 29, 30, 1000].map(statusOf)).toEqual([
        null,
        null,
        'open',
        'open',
        'closed',
        'closed',
        'open',
        'open',
      ]);
      expect(caseFiles.get(db, 'malakal', 25)?.note).toBe('Board of Inquiry reported');
    });

    it('answers the latest version now', () => {
      expect(caseFiles.get(db, 'malakal')).toEqual({
        caseId: 'malakal',
        status: 'open',
        note: 'New testimony',
        opened: 10,
      });
    });

    it('keeps one row per version, each closed where the next one starts', () => {
      const rows = db
        .prepare(`SELECT id, valid_from, valid_to, status FROM case_files ORDER BY id, valid_from`)
        .all();
      expect(rows).toEqual([
        { id: 'juba', valid_from: 15, valid_to: 25, status: 'open' },
        { id: 'juba', valid_from: 25, valid_to: null, status: 'open' },
        { id: 'malakal', valid_from: 10, valid_to: 20, status: 'open' },
        { id: 'malakal', valid_from: 20, valid_to: 30, status: 'closed' },
        { id: 'malakal', valid_from: 30, valid_to: null, status: 'open' },
      ]);
    });

    describe('when a list is filtered on the field that changed', () => {
      it('answers by the value valid at the position asked, and by the current value now', () => {
        expect(listed('closed', 22)).toEqual(['malakal']);
        expect(listed('open', 22)).toEqual(['juba']);
        expect(listed('open', 12)).toEqual(['malakal']);
        expect(listed('closed', 35)).toEqual([]);
        expect(listed('open')).toEqual(['malakal', 'juba']);
        expect(listed(undefined, 14)).toEqual(['malakal']);
        expect(listed(undefined, 9)).toEqual([]);
      });

      it('pages with a cursor that does not move under asOf', () => {
        const first = pageOfDocuments<CaseFile>(db, caseFiles.name, {}, { upTo: 27, limit: 1 });
        expect(first.items.map((d) => d.caseId)).toEqual(['malakal']);
        const second = pageOfDocuments<CaseFile>(
          db,
          caseFiles.name,
          {},
          { upTo: 27, limit: 1, after: first.next ?? undefined },
        );
        expect(second).toEqual({
          items: [expect.objectContaining({ caseId: 'juba' })],
          next: null,
        });
      });
    });
  });

  describe('when the same events come one by one, or in other batches', () => {
    it('makes exactly the same versions', () => {
      const dump = (on: SqliteDatabase) =>
        on.prepare(`SELECT * FROM case_files ORDER BY id, valid_from`).all();
      db.transaction(() => projection.applyBatch?.(db, history))();
      for (const split of [[1], [2, 4], [1, 2, 3, 4]]) {
        const other = new Database(':memory:');
        projection.setup(other);
        const cuts = [0, ...split, history.length];
        cuts
          .slice(1)
          .forEach((end, i) => projection.applyBatch?.(other, history.slice(cuts[i], end)));
        expect(dump(other)).toEqual(dump(db));
        other.close();
      }
      const oneByOne = new Database(':memory:');
      projection.setup(oneByOne);
      history.forEach((event) => applyEvent(oneByOne, projection, event));
      expect(dump(oneByOne)).toEqual(dump(db));
      oneByOne.close();
    });
  });

  describe('when written outside the application of an event', () => {
    it('refuses: a version needs the position of the event that made it', () => {
      expect(() =>
        caseFiles.put(db, 'kidal', { caseId: 'kidal', status: 'open', note: '', opened: 1 }),
      ).toThrow(/outside the application of an event/);
    });
  });

  describe('when an event older than the current version writes it', () => {
    it('refuses, rather than make two current versions', () => {
      const file: CaseFile = { caseId: 'kidal', status: 'open', note: '', opened: 40 };
      applyingEvent(db, { globalPosition: 40n }, () => caseFiles.put(db, 'kidal', file));
      expect(() =>
        applyingEvent(db, { globalPosition: 35n }, () => caseFiles.put(db, 'kidal', file)),
      ).toThrow(/a version from position 35 after one from 40/);
    });
  });
});
