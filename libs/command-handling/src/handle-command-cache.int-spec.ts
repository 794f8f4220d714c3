import type { Decider } from '@blue-ledger/domain';
import { verifyChains } from '@blue-ledger/integrity';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '@blue-ledger/event-store';
import type { CommandContext } from './command-context';
import { handleCommand } from './handle-command';
import { IdSource } from './id-source';
import { StreamStateCache } from './stream-state-cache';

type Added = { type: 'Added'; data: { by: number; total: number } };
type Add = { by: number };

const counter: Decider<Add, Added, number> = {
  schemaVersions: { Added: 1 },
  initialState: 0,
  evolve: (_total, event) => event.data.total,
  decide: (command, total) => [
    { type: 'Added', data: { by: command.by, total: total + command.by } },
  ],
};

const contextWith = (ids: IdSource): CommandContext => ({
  actor: { id: 'counter-clerk', role: 'recorder' },
  now: '2026-01-01T00:00:00.000Z',
  correlationId: 'correlation',
  causationId: 'causation',
  ids,
});

describe('handleCommand with a stream state cache', () => {
  let directory: string;
  let ours: SqliteEventStore;
  let theirs: SqliteEventStore;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    const file = path.join(directory, 'events.sqlite');
    ours = SqliteEventStore.open(file);
    theirs = SqliteEventStore.open(file);
  });

  afterEach(async () => {
    await ours.close();
    await theirs.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const add = (
    store: SqliteEventStore,
    by: number,
    cache?: StreamStateCache,
    ids = IdSource.random(),
  ) => handleCommand(store, 'counter-1', counter, { by }, contextWith(ids), { cache });

  describe('when another writer appended to a cached stream', () => {
    it('decides on the state that includes the other writer’s event and keeps the hash chain', async () => {
      const cache = new StreamStateCache();
      await add(ours, 1, cache);
      await add(ours, 2, cache);
      await add(theirs, 10);

      const result = await add(ours, 100, cache);

      expect(result.revision).toBe(3n);
      expect(result.events[0].data).toEqual({ by: 100, total: 113 });
      const stream = await ours.readStream('counter-1');
      expect(stream.map((event) => event.data)).toEqual([
        { by: 1, total: 1 },
        { by: 2, total: 3 },
        { by: 10, total: 13 },
        { by: 100, total: 113 },
      ]);
      expect(verifyChains(stream)).toMatchObject({ ok: true, eventCount: 4 });
    });
  });

  describe('when a command applied before the cached revision is retried', () => {
    it('answers it as already applied from a full read', async () => {
      const cache = new StreamStateCache();
      const seed = IdSource.newSeed();
      const retried = () => IdSource.seeded(seed.msecs, seed.secret);
      const first = await add(ours, 5, cache, retried());
      await add(ours, 1, cache);

      const retry = await add(ours, 5, cache, retried());

      expect(retry.alreadyApplied).toBe(true);
      expect(retry.revision).toBe(first.revision);
      expect(retry.events.map((event) => event.eventId)).toEqual(
        first.events.map((event) => event.eventId),
      );
      expect(await ours.readStream('counter-1')).toHaveLength(2);
    });
  });

  describe('when a command applied by another writer is retried', () => {
    it('answers it as already applied from the events after the cached revision', async () => {
      const cache = new StreamStateCache();
      await add(ours, 1, cache);
      const seed = IdSource.newSeed();
      await add(theirs, 5, undefined, IdSource.seeded(seed.msecs, seed.secret));

      const retry = await add(ours, 5, cache, IdSource.seeded(seed.msecs, seed.secret));

      expect(retry.alreadyApplied).toBe(true);
      expect(retry.revision).toBe(1n);
    });
  });

  describe('when it holds more streams than its bound', () => {
    it('forgets the least recently used one', () => {
      const cache = new StreamStateCache(2);
      const entry = (revision: bigint) => ({
        decider: counter,
        revision,
        state: 0,
        lastHash: 'hash',
        eventIds: new Set<string>(),
      });
      cache.set('a', entry(0n));
      cache.set('b', entry(0n));
      cache.get('a', counter);
      cache.set('c', entry(0n));

      expect(cache.get('a', counter)).toBeDefined();
      expect(cache.get('b', counter)).toBeUndefined();
      expect(cache.get('c', counter)).toBeDefined();
      expect(cache.get('a', {})).toBeUndefined();
    });
  });
});
