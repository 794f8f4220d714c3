import { generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  chainEvents,
  eventLeafHash,
  GENESIS_HASH,
  MerkleTree,
  parseHash,
  verifyConsistency,
  verifyInclusion,
  verifyTreeHead,
  type NotaryKeyPair,
} from '@blue-ledger/integrity';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { ProjectionRunner } from '../projection-runner';
import type { SqliteDatabase } from '../sqlite/database';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { Notary, type NotaryOptions } from './notary';
import type { NotarizedHead } from './notary-records';
import type { HeadToAppend, SharedTreeHeads } from './shared-tree-heads';
import {
  NotaryBehindError,
  NotaryReadOnlyError,
  TreeSizeOutOfRangeError,
  UnknownPositionError,
} from './notary-errors';
import { notaryProjection } from './notary.projection';

const keys: NotaryKeyPair = { ...generateKeyPairSync('ed25519'), created: false };

describe('The notary', () => {
  let db: SqliteDatabase;
  let store: InMemoryEventStore;
  let runner: ProjectionRunner;
  let now: number;
  let appended: number;
  const clock = () => new Date(now);
  const silent = { log: () => undefined, error: () => undefined };

  const notary = (options: Partial<NotaryOptions> = {}) =>
    new Notary(db, keys, { everyEvents: 1000, everySeconds: 60, clock, ...options });

  /** Appends `count` chained events round-robin over three streams; waits for the notary. */
  async function append(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      appended += 1;
      const streamId = `incident-${appended % 3}`;
      const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      const revision = last ? last.streamRevision + 1n : 0n;
      store.appendNow(
        streamId,
        chainEvents(streamId, revision, last?.hash ?? GENESIS_HASH, [
          {
            eventId: `event-${appended}`,
            type: 'IncidentAmended',
            schemaVersion: 1,
            data: { summary: `amendment ${appended}` },
            recordedAt: new Date(now).toISOString(),
            actor: { id: 'investigator-1', role: 'investigator' },
            correlationId: 'c',
            causationId: 'c',
          },
        ]),
      );
    }
    await runner.waitFor((await store.headPosition()) ?? 0n);
  }

  const events = (): Promise<RecordedEvent[]> => store.readAll();
  const treeOf = (recorded: RecordedEvent[]) => {
    const tree = new MerkleTree();
    recorded.forEach((e) => tree.appendLeafHash(eventLeafHash(e.hash)));
    return tree;
  };

  beforeEach(async () => {
    now = Date.parse('2026-11-22T10:00:00Z');
    appended = 0;
    db = new Database(':memory:');
    store = new InMemoryEventStore();
    runner = new ProjectionRunner(store, db, [notaryProjection], { logger: silent });
    await runner.start();
  });

  afterEach(async () => {
    await runner.stop();
    db.close();
  });

  describe('projection', () => {
    it('keeps one leaf per event, in global order, with its position', async () => {
      await append(7);
      const leaves = db
        .prepare('SELECT leaf_index, global_position, event_hash, leaf_hash FROM notary_leaves')
        .all() as Array<{ leaf_index: number; global_position: number; leaf_hash: Buffer }>;
      const recorded = await events();
      expect(leaves.map((l) => [l.leaf_index, l.global_position])).toEqual(
        recorded.map((e, i) => [i, Number(e.globalPosition)]),
      );
      expect(leaves.map((l) => l.leaf_hash)).toEqual(recorded.map((e) => eventLeafHash(e.hash)));
    });

    it('replays the same leaves when rebuilt, and keeps the signed heads', async () => {
      await append(5);
      const signed = notary().signHead();
      const before = db.prepare('SELECT * FROM notary_leaves').all();
      await runner.rebuild(['notary']);
      expect(db.prepare('SELECT * FROM notary_leaves').all()).toEqual(before);
      expect(notary().latestHead()).toEqual(signed);
    });
  });

  describe('signing', () => {
    it('signs the root of every event so far, verifiable with the public key', async () => {
      await append(6);
      const recorded = await events();
      const { head, lastPosition } = notary().signHead();
      expect(head).toMatchObject({
        treeSize: 6n,
        rootHash: treeOf(recorded).root().toString('hex'),
        timestamp: '2026-11-22T10:00:00.000Z',
      });
      expect(lastPosition).toBe(recorded[5].globalPosition);
      expect(verifyTreeHead(head, keys.publicKey)).toEqual({ ok: true });
    });

    it('signs the empty log too, on demand', () => {
      expect(notary().signHead().head).toMatchObject({
        treeSize: 0n,
        rootHash: treeOf([]).root().toString('hex'),
      });
    });

    it('lists the heads in the order they were signed, a page at a time', async () => {
      const n = notary();
      await append(2);
      n.signHead();
      await append(3);
      n.signHead();
      n.signHead();
      expect(n.heads(0, 10).map((h) => [h.id, h.head.treeSize])).toEqual([
        [1, 2n],
        [2, 5n],
        [3, 5n],
      ]);
      expect(n.heads(1, 1).map((h) => h.id)).toEqual([2]);
    });
  });

  describe('on its schedule', () => {
    it('waits for every N events', async () => {
      const n = notary({ everyEvents: 4 });
      await append(3);
      expect(n.signIfDue()).toBeNull();
      await append(1);
      expect(n.signIfDue()?.head.treeSize).toBe(4n);
      await append(3);
      expect(n.signIfDue()).toBeNull();
    });

    it('signs after T seconds when events came since the last head, and not when none did', async () => {
      const n = notary({ everySeconds: 30 });
      await append(1);
      now += 29_000;
      expect(n.signIfDue()).toBeNull();
      now += 1_000;
      expect(n.signIfDue()?.head.treeSize).toBe(1n);
      now += 60_000;
      expect(n.signIfDue()).toBeNull();
      await append(1);
      expect(n.signIfDue()?.head.treeSize).toBe(2n);
    });

    it('signs nothing where another process writes its tables', async () => {
      await append(2);
      const signed = notary().signHead();
      const reader = notary({ readOnly: true, everyEvents: 1 });
      expect(() => reader.signHead()).toThrow(NotaryReadOnlyError);
      await append(1);
      expect(reader.signIfDue()).toBeNull();
      expect(reader.latestHead()).toEqual(signed);
      expect(reader.treeSize()).toBe(3n);
    });

    it('answers as an empty log where the writer has not made its tables yet', () => {
      const empty = new Database(':memory:');
      try {
        const reader = new Notary(empty, keys, { everyEvents: 1, everySeconds: 1, readOnly: true });
        expect(reader.treeSize()).toBe(0n);
        expect(reader.latestHead()).toBeNull();
        expect(reader.heads(0, 10)).toEqual([]);
        expect(() => reader.inclusionProof(1n)).toThrow(UnknownPositionError);
        expect(reader.consistencyProof(0n).heads).toEqual({ from: null, to: null });
      } finally {
        empty.close();
      }
    });

    it('refuses a schedule that could never sign', () => {
      expect(() => notary({ everyEvents: 0 })).toThrow(RangeError);
      expect(() => notary({ everySeconds: 0 })).toThrow(RangeError);
    });
  });

  describe('proofs', () => {
    it('proves every event included in every tree that holds it', async () => {
      await append(9);
      const n = notary();
      const recorded = await events();
      for (let size = 1; size <= 9; size += 1) {
        for (let index = 0; index < size; index += 1) {
          const proof = n.inclusionProof(recorded[index].globalPosition, BigInt(size));
          expect(proof).toMatchObject({
            leafIndex: BigInt(index),
            eventHash: recorded[index].hash,
          });
          expect(
            verifyInclusion(
              parseHash(proof.leafHash),
              proof.leafIndex,
              proof.treeSize,
              proof.proof.map((h) => parseHash(h)),
              parseHash(proof.rootHash),
            ),
          ).toEqual({ ok: true });
        }
      }
    });

    it('proves inclusion in the latest signed head by default, with that head', async () => {
      const n = notary();
      await append(4);
      const signed = n.signHead();
      await append(3);
      const proof = n.inclusionProof((await events())[2].globalPosition);
      expect(proof.treeSize).toBe(4n);
      expect(proof.head).toEqual(signed);
      expect(proof.rootHash).toBe(signed.head.rootHash);
      const later = n.inclusionProof((await events())[5].globalPosition);
      expect(later).toMatchObject({ treeSize: 7n, head: null });
    });

    it('proves every head consistent with every later one', async () => {
      const n = notary();
      const heads = [];
      for (const count of [1, 2, 5, 1, 8]) {
        await append(count);
        heads.push(n.signHead().head);
      }
      for (const earlier of heads) {
        for (const later of heads.filter((h) => h.treeSize >= earlier.treeSize)) {
          const proof = n.consistencyProof(earlier.treeSize, later.treeSize);
          expect(proof).toMatchObject({ fromRoot: earlier.rootHash, toRoot: later.rootHash });
          expect(
            verifyConsistency(
              earlier.treeSize,
              later.treeSize,
              proof.proof.map((h) => parseHash(h)),
              parseHash(earlier.rootHash),
              parseHash(later.rootHash),
            ),
          ).toEqual({ ok: true });
        }
      }
    });

    it('refuses positions and sizes the log does not hold', async () => {
      await append(3);
      const n = notary();
      const [first, second] = await events();
      expect(() => n.inclusionProof(first.globalPosition + 1n)).toThrow(UnknownPositionError);
      expect(() => n.inclusionProof(second.globalPosition, 1n)).toThrow(TreeSizeOutOfRangeError);
      expect(() => n.inclusionProof(first.globalPosition, 4n)).toThrow(TreeSizeOutOfRangeError);
      expect(() => n.consistencyProof(2n, 4n)).toThrow(/to must be at most 3/);
      expect(() => n.consistencyProof(3n, 2n)).toThrow(/from must be in 0..2/);
    });
  });

  describe('after a restart', () => {
    it('rebuilds the same tree from the table and keeps every head', async () => {
      await append(11);
      const first = notary();
      const signed = first.signHead();
      const again = notary();
      expect(again.treeSize()).toBe(11n);
      expect(again.latestHead()).toEqual(signed);
      expect(again.consistencyProof(11n).toRoot).toBe(signed.head.rootHash);
    });

    it.each([4, 70])(
      'reads the log again when the table was rebuilt underneath it (%i leaves)',
      async (size) => {
        await append(size);
        const n = notary();
        expect(n.treeSize()).toBe(BigInt(size));
        db.prepare('UPDATE notary_leaves SET leaf_hash = zeroblob(32) WHERE leaf_index = ?').run(
          size - 1,
        );
        const expected = new MerkleTree();
        (await events())
          .slice(0, size - 1)
          .forEach((e) => expected.appendLeafHash(eventLeafHash(e.hash)));
        expected.appendLeafHash(Buffer.alloc(32));
        expect(n.consistencyProof(BigInt(size), BigInt(size)).toRoot).toBe(
          expected.root().toString('hex'),
        );
      },
    );

    it('serves proofs over more leaves than it keeps in memory, which verify', async () => {
      await append(100);
      const n = notary();
      const all = await events();
      const head = n.signHead();
      for (const index of [0, 31, 32, 63, 64, 99]) {
        const proof = n.inclusionProof(all[index].globalPosition);
        const verdict = verifyInclusion(
          Buffer.from(proof.leafHash, 'hex'),
          proof.leafIndex,
          proof.treeSize,
          proof.proof.map((p) => Buffer.from(p, 'hex')),
          Buffer.from(head.head.rootHash, 'hex'),
        );
        expect(verdict).toEqual({ ok: true });
      }
    });
  });

  describe('with heads shared by several notaries (several instances on one database)', () => {
    /** The shared sequence as PostgresTreeHeads keeps it: appends one at a time, next id. */
    class SequenceOfHeads implements SharedTreeHeads {
      readonly heads: NotarizedHead[] = [];
      private queue: Promise<unknown> = Promise.resolve();
      async headsAfter(afterId: number, limit: number) {
        return this.heads.filter((h) => h.id > afterId).slice(0, limit);
      }
      append(sign: (latest: NotarizedHead | null) => HeadToAppend) {
        const run = this.queue.then(async () => {
          await new Promise((resolve) => setImmediate(resolve));
          const latest = this.heads.at(-1) ?? null;
          const next = sign(latest);
          if (next === null) return null;
          if (latest && next.head.treeSize < latest.head.treeSize) throw new RangeError('smaller');
          const head = { id: (latest?.id ?? 0) + 1, ...next };
          this.heads.push(head);
          return head;
        });
        this.queue = run.catch(() => undefined);
        return run;
      }
      async adopt(heads: readonly NotarizedHead[]) {
        if (this.heads.length > 0 || heads.length === 0) return false;
        this.heads.push(...heads);
        return true;
      }
    }

    let otherDb: SqliteDatabase;
    let otherRunner: ProjectionRunner;
    let shared: SequenceOfHeads;

    beforeEach(async () => {
      otherDb = new Database(':memory:');
      otherRunner = new ProjectionRunner(store, otherDb, [notaryProjection], { logger: silent });
      await otherRunner.start();
      shared = new SequenceOfHeads();
    });

    afterEach(async () => {
      await otherRunner.stop();
      otherDb.close();
    });

    const pair = () => {
      const options = { everyEvents: 5, everySeconds: 60, clock, shared };
      return [new Notary(db, keys, options), new Notary(otherDb, keys, options)] as const;
    };
    const caughtUp = async () => otherRunner.waitFor((await store.headPosition()) ?? 0n);

    it('sign into one sequence: each serves every head, same ids, sizes never going down', async () => {
      const [a, b] = pair();
      await append(3);
      await caughtUp();
      const first = await a.signHeadNow();
      await append(4);
      await caughtUp();
      const second = await b.signHeadNow();
      expect([first.id, second.id]).toEqual([1, 2]);
      expect([first.head.treeSize, second.head.treeSize]).toEqual([3n, 7n]);
      // Requests and the schedule may copy at once: each head is copied once.
      await Promise.all([a.syncHeads(), a.syncHeads(), a.syncHeads()]);
      expect(a.heads(0, 10)).toEqual(shared.heads);
      expect(b.heads(0, 10)).toEqual(shared.heads);
      // A proof from B names the head A signed, and it verifies under the one key.
      const proof = b.inclusionProof((await events())[1].globalPosition, 3n);
      expect(proof.head).toEqual(first);
      expect(proof.rootHash).toBe(first.head.rootHash);
      expect(verifyTreeHead(first.head, keys.publicKey)).toEqual({ ok: true });
    });

    it('sign one head when both are due at once', async () => {
      const [a, b] = pair();
      await append(6);
      await caughtUp();
      const signed = await Promise.all([a.signIfDueShared(), b.signIfDueShared()]);
      expect(signed.filter((h) => h !== null)).toHaveLength(1);
      expect(shared.heads.map((h) => [h.id, h.head.treeSize])).toEqual([[1, 6n]]);
      await Promise.all([a.syncHeads(), b.syncHeads()]);
      expect(a.latestHead()).toEqual(b.latestHead());
    });

    it('a notary behind the latest head copies only the heads its leaves reach, and signs none', async () => {
      const [a, b] = pair();
      await otherRunner.stop();
      await append(3);
      await a.signHeadNow();
      await append(6);
      await a.signHeadNow();
      // B's read models stopped at 0 events: it copies nothing and signs nothing.
      await b.syncHeads();
      expect(b.heads(0, 10)).toEqual([]);
      expect(await b.signIfDueShared()).toBeNull();
      await expect(b.signHeadNow()).rejects.toBeInstanceOf(NotaryBehindError);
      expect(shared.heads).toHaveLength(2);
      // Once its leaves reach them, it has them all.
      otherRunner = new ProjectionRunner(store, otherDb, [notaryProjection], { logger: silent });
      await otherRunner.start();
      await caughtUp();
      await b.syncHeads();
      expect(b.heads(0, 10)).toEqual(shared.heads);
    });

    it('replaces heads signed alone before the heads were shared', async () => {
      await append(4);
      const alone = notary().signHead();
      const [a] = pair();
      await append(1);
      const other = new Notary(otherDb, keys, { everyEvents: 5, everySeconds: 60, clock, shared });
      await caughtUp();
      const sharedHead = await other.signHeadNow();
      expect(a.latestHead()).toEqual(alone);
      await a.syncHeads();
      expect(a.heads(0, 10)).toEqual([sharedHead]);
    });

    it('begin the shared sequence with the heads signed alone before, when nobody signed yet', async () => {
      await append(4);
      const alone = notary();
      const before = [alone.signHead()];
      await append(2);
      before.push(alone.signHead());
      const [a, b] = pair();
      await caughtUp();
      await b.syncHeads();
      expect(shared.heads).toEqual([]);
      await a.syncHeads();
      expect(shared.heads).toEqual(before);
      expect(a.heads(0, 10)).toEqual(before);
      await append(1);
      await caughtUp();
      const next = await b.signHeadNow();
      expect(next.id).toBe(3);
      await a.syncHeads();
      expect(a.heads(0, 10)).toEqual([...before, next]);
    });

    it('refuses the unshared ways to sign', () => {
      const [a] = pair();
      expect(() => a.signHead()).toThrow(/signHeadNow/);
      expect(() => a.signIfDue()).toThrow(/signIfDueShared/);
    });
  });
});
