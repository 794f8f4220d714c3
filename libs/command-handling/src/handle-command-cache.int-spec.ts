import type { Decider } from '@blue-ledger/domain';
import { verifyChains } from '@blue-ledger/integrity';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore, WrongExpectedRevisionError } from '@blue-ledger/event-store';
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

  describe('when another process wins the race for the stream many times in a row', () => {
    /** `ours`, except that before each of its first `losses` appends `theirs` appends first. */
    const losingTo = (losses: number) => {
      let lost = 0;
      return new Proxy(ours, {
        get(target, property) {
          if (property === 'appendToStream') {
            return async (...args: Parameters<SqliteEventStore['appendToStream']>) => {
              if (lost < losses) {
                lost++;
                await add(theirs, 10);
              }
              return target.appendToStream(...args);
            };
          }
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };

    it('decides an unconditional write again on each fresh state until it lands', async () => {
      await add(ours, 1);

      const result = await handleCommand(
        losingTo(25),
        'counter-1',
        counter,
        { by: 100 },
        contextWith(IdSource.random()),
      );

      expect(result.revision).toBe(26n);
      expect(result.events[0].data).toEqual({ by: 100, total: 1 + 25 * 10 + 100 });
      expect(verifyChains(await ours.readStream('counter-1'))).toMatchObject({
        ok: true,
        eventCount: 27,
      });
    });

    it('rejects a conditional write (If-Match) at its first loss', async () => {
      await add(ours, 1);

      const conditional = handleCommand(
        losingTo(1),
        'counter-1',
        counter,
        { by: 100 },
        {
          ...contextWith(IdSource.random()),
          expectedRevision: 0n,
        },
      );

      await expect(conditional).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await ours.readStream('counter-1')).toHaveLength(2);
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
