import Database from 'better-sqlite3';
import { ledgerProjections } from './all-projections';
import { readCheckpoints } from './checkpoints';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
import {
  ProjectionFailedError,
  ProjectionRunnerStoppedError,
  ProjectionTimeoutError,
} from './projection-errors';
import type { Projection } from './projection';
import type { SqliteDatabase } from './sqlite/database';
import { accountabilityScenario } from './testing/accountability-scenario';
import { countingProjection, indexExists } from './testing/counting-projection';
import { InMemoryEventStore } from './testing/in-memory-event-store';
import { appendAll, proposedOf } from './testing/ledger-history';
import { dumpTables, tablesOf } from './testing/table-dump';

const scenario = accountabilityScenario().events;

/**
 * How long a test waits for a position it expects to be reached: a bound for a failing test only,
 * generous so that a slow or momentarily paused machine does not make a wait time out.
 */
const WAIT_MS = 10_000;

describe('ProjectionRunner', () => {
  let db: SqliteDatabase;
  let store: InMemoryEventStore;
  let logger: { log: jest.Mock; error: jest.Mock };
  const runners: ProjectionRunner[] = [];

  const runner = (projections: readonly Projection[], options: ProjectionRunnerOptions = {}) => {
    const created = new ProjectionRunner(store, db, projections, { logger, ...options });
    runners.push(created);
    return created;
  };

  beforeEach(async () => {
    db = new Database(':memory:');
    store = new InMemoryEventStore();
    logger = { log: jest.fn(), error: jest.fn() };
    await appendAll(store, scenario);
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    db.close();
  });

  const head = async () => Number(await store.headPosition());
  const allPositions = () => scenario.map((_, i) => (i + 1) * 10);

  describe('when started', () => {
    it('applies every event to every projection and stores each checkpoint at the head', async () => {
      const first = countingProjection('first');
      const second = countingProjection('second');

      await runner([first, second]).start();

      expect(first.seen(db)).toEqual(allPositions());
      expect(second.seen(db)).toEqual(allPositions());
      expect(readCheckpoints(db)).toEqual([
        { name: 'first', version: 1, position: await head() },
        { name: 'second', version: 1, position: await head() },
      ]);
    });

    it('resolves once caught up and then follows live events', async () => {
      const counting = countingProjection('counting');
      const live = runner([counting]);
      await live.start();
      expect(live.status).toBe('live');

      const { position } = await store.appendToStream('incident-x', [proposedOf(scenario[0])]);
      await live.waitFor(position, WAIT_MS);

      expect(counting.seen(db).at(-1)).toBe(Number(position));
    });

    it('catches up in batches of the configured size, one transaction each', async () => {
      const counting = countingProjection('counting');
      const writes: number[] = [];
      db.function('note_checkpoint', (position: number) => writes.push(position));
      db.exec(`CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER);
        CREATE TRIGGER noted AFTER UPDATE ON projection_checkpoints
        BEGIN SELECT note_checkpoint(NEW.position); END;`);

      await runner([counting], { batchSize: 10 }).start();

      const expected = allPositions().filter((_, i) => (i + 1) % 10 === 0);
      if (scenario.length % 10 !== 0) expected.push(allPositions().at(-1) as number);
      expect(writes).toEqual(expected);
    });
  });

  describe('when live', () => {
    const noteCheckpointWrites = () => {
      const writes: number[] = [];
      db.function('note_checkpoint', (position: number) => writes.push(position));
      db.exec(`CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER);
        CREATE TRIGGER noted AFTER UPDATE ON projection_checkpoints
        BEGIN SELECT note_checkpoint(NEW.position); END;`);
      return writes;
    };

    it('applies the events appended since its last transaction together, in one transaction', async () => {
      const writes = noteCheckpointWrites();
      const counting = countingProjection('counting');
      const live = runner([counting]);
      await live.start();
      writes.length = 0;

      const results = scenario
        .slice(0, 5)
        .map((event, i) => store.appendNow(`incident-${i}`, [proposedOf(event)]));
      const last = results[4].position;
      await live.waitFor(last, WAIT_MS);

      expect(writes).toEqual([Number(last)]);
      expect(counting.seen(db).slice(-5)).toEqual(results.map((r) => Number(r.position)));
    });

    it('wakes every wait whose position that transaction applied, and only those', async () => {
      const live = runner([countingProjection('counting')]);
      await live.start();
      const before = await head();
      const woken: number[] = [];

      const waits = [before + 10, before + 20, before + 30].map((position) =>
        live.waitFor(position, WAIT_MS).then(() => woken.push(position)),
      );
      store.appendNow('incident-a', [proposedOf(scenario[0]), proposedOf(scenario[1])]);
      await Promise.all(waits.slice(0, 2));
      // The wait for before + 30 had its chance in the same transaction, and a moment more.
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(woken).toEqual([before + 10, before + 20]);
      store.appendNow('incident-b', [proposedOf(scenario[2])]);
      await Promise.all(waits);
      expect(woken).toEqual([before + 10, before + 20, before + 30]);
      expect(live.position()).toBe(before + 30);
    });

    it('still bounds a transaction by the batch size', async () => {
      const writes = noteCheckpointWrites();
      const live = runner([countingProjection('counting')], { batchSize: 3 });
      await live.start();
      writes.length = 0;
      const before = await head();

      for (let i = 0; i < 7; i++) store.appendNow(`incident-${i}`, [proposedOf(scenario[i])]);
      await live.waitFor(before + 70, WAIT_MS);

      expect(writes).toEqual([before + 30, before + 60, before + 70]);
    });
  });

  describe('when started again', () => {
    it('resumes from its checkpoint and applies no event twice', async () => {
      const counting = countingProjection('counting');
      const first = runner([counting]);
      await first.start();
      await first.stop();
      await store.appendToStream('incident-x', [proposedOf(scenario[0])]);

      await runner([counting]).start();

      expect(counting.seen(db)).toEqual([...allPositions(), await head()]);
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('feeds a newly added projection from the start and the others only what they missed', async () => {
      const old = countingProjection('old');
      await runner([old])
        .start()
        .then(() => runners[0].stop());
      const added = countingProjection('added');

      await runner([old, added]).start();

      expect(added.seen(db)).toEqual(allPositions());
      expect(old.seen(db)).toEqual(allPositions());
    });

    it('rebuilds a projection whose version changed, and only that one', async () => {
      const kept = countingProjection('kept');
      await runner([kept, countingProjection('changed')]).start();
      await runners[0].stop();
      const resetsBefore = kept.resets;
      const changed = countingProjection('changed', { version: 2 });

      await runner([kept, changed]).start();

      expect(changed.resets).toBe(1);
      expect(kept.resets).toBe(resetsBefore);
      expect(changed.seen(db)).toEqual(allPositions());
      expect(readCheckpoints(db).find((c) => c.name === 'changed')?.version).toBe(2);
      expect(logger.log).toHaveBeenCalledWith(expect.stringContaining('changed: version 1 -> 2'));
    });

    it('builds the same read models as the first run: twice through the runner, same tables', async () => {
      const projections = ledgerProjections();
      await runner(projections).start();
      const once = dumpTables(db, tablesOf(projections));
      await runners[0].stop();
      db.exec('UPDATE projection_checkpoints SET position = NULL');
      projections.forEach((p) => p.reset(db));

      await runner(projections).start();

      expect(dumpTables(db, tablesOf(projections))).toEqual(once);
    });
  });

  describe('when a projection fails', () => {
    const failingAt = (position: number) =>
      countingProjection('failing', { failAt: (e) => Number(e.globalPosition) === position });

    it('stops loudly, keeping neither the failed batch nor its checkpoint', async () => {
      const healthy = countingProjection('healthy');
      const failing = failingAt(150);
      const onError = jest.fn();
      const failed = runner([healthy, failing], { batchSize: 10, onError });

      await expect(failed.start()).rejects.toThrow(ProjectionFailedError);

      expect(failed.status).toBe('failed');
      expect(failed.failure).toMatchObject({ projection: 'failing', position: 150 });
      expect(onError).toHaveBeenCalledWith(failed.failure);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('projection failing failed on'),
        failed.failure,
      );
      expect(failing.seen(db)).toEqual(allPositions().slice(0, 10));
      expect(healthy.seen(db)).toEqual(allPositions().slice(0, 10));
      expect(readCheckpoints(db).map((c) => c.position)).toEqual([100, 100]);
      expect(failed.checkpoints().map((c) => c.position)).toEqual([100, 100]);
    });

    it('rejects those waiting for a position, and later waits at once', async () => {
      const failing = failingAt(Number(await head()) + 10);
      const failed = runner([failing]);
      await failed.start();
      const waiting = failed.waitFor((await head()) + 10, WAIT_MS);

      await store.appendToStream('incident-x', [proposedOf(scenario[0])]);

      await expect(waiting).rejects.toThrow(ProjectionFailedError);
      await expect(failed.waitFor(await head(), WAIT_MS)).rejects.toThrow(ProjectionFailedError);
    });

    it('names the event a batch failed on', async () => {
      const failing = countingProjection('failing', {
        batched: true,
        failAt: (e) => Number(e.globalPosition) === 70,
      });

      await expect(runner([failing], { batchSize: 10 }).start()).rejects.toMatchObject({
        projection: 'failing',
        position: 70,
      });
      expect(failing.seen(db)).toEqual([]);
    });

    it('fails again on restart at the same event: it never skips it', async () => {
      const failing = failingAt(150);
      await expect(runner([failing], { batchSize: 1 }).start()).rejects.toThrow();

      await expect(runner([failing], { batchSize: 1 }).start()).rejects.toMatchObject({
        position: 150,
      });
      expect(failing.seen(db)).toEqual(allPositions().slice(0, 14));
    });
  });

  describe('when loading from position 0', () => {
    it('drops the query indexes while loading and creates them again once caught up', async () => {
      const indexSeen: boolean[] = [];
      const loading = countingProjection('loading', {
        observe: (database) => indexSeen.push(indexExists(database, 'loading_seen_by_type')),
      });

      await runner([loading]).start();

      expect(indexSeen).toHaveLength(scenario.length);
      expect(indexSeen.every((seen) => !seen)).toBe(true);
      expect(indexExists(db, 'loading_seen_by_type')).toBe(true);
    });

    it('keeps them while following live events', async () => {
      const indexSeen: boolean[] = [];
      const live = runner([
        countingProjection('live', {
          observe: (database) => indexSeen.push(indexExists(database, 'live_seen_by_type')),
        }),
      ]);
      await live.start();
      indexSeen.length = 0;

      const { position } = await store.appendToStream('incident-x', [proposedOf(scenario[0])]);
      await live.waitFor(position, WAIT_MS);

      expect(indexSeen).toEqual([true]);
    });

    it('creates them again when it stops on an error', async () => {
      const failing = countingProjection('failing', {
        failAt: (e) => e.type === 'IncidentReported',
      });

      await expect(runner([failing]).start()).rejects.toThrow(ProjectionFailedError);

      expect(indexExists(db, 'failing_seen_by_type')).toBe(true);
    });

    it('commits without fsync, and gives the connection back as it found it', async () => {
      const synchronous: number[] = [];
      db.pragma('synchronous = FULL');

      await runner([
        countingProjection('counting', {
          observe: (database) =>
            synchronous.push(database.pragma('synchronous', { simple: true }) as number),
        }),
      ]).start();

      expect(new Set(synchronous)).toEqual(new Set([1]));
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    });
  });

  describe('rebuild', () => {
    it('drops the named projections and replays them from the start, leaving the others', async () => {
      const rebuilt = countingProjection('rebuilt');
      const untouched = countingProjection('untouched');
      const running = runner([rebuilt, untouched]);
      await running.start();
      const resetsBefore = { rebuilt: rebuilt.resets, untouched: untouched.resets };

      await running.rebuild(['rebuilt']);

      expect(rebuilt.resets).toBe(resetsBefore.rebuilt + 1);
      expect(untouched.resets).toBe(resetsBefore.untouched);
      expect(rebuilt.seen(db)).toEqual(allPositions());
      expect(running.status).toBe('live');
    });

    it('leaves a stopped runner stopped once the projections have caught up', async () => {
      const counting = countingProjection('counting');
      const stopped = runner([counting]);

      await stopped.rebuild();

      expect(counting.seen(db)).toEqual(allPositions());
      expect(stopped.status).toBe('stopped');
    });

    it('refuses a name it does not know', async () => {
      await expect(runner([countingProjection('known')]).rebuild(['unknown'])).rejects.toThrow(
        'no projection is named unknown',
      );
    });
  });

  describe('waitFor', () => {
    it('resolves at once for a position already applied', async () => {
      const caughtUp = runner([countingProjection('counting')]);
      await caughtUp.start();

      await expect(caughtUp.waitFor(10)).resolves.toBeUndefined();
    });

    it('rejects after the timeout, naming the projections behind', async () => {
      const idle = runner([countingProjection('idle')]);

      await expect(idle.waitFor(10, 20)).rejects.toThrow(ProjectionTimeoutError);
      await expect(idle.waitFor(10, 20)).rejects.toMatchObject({ behind: ['idle'] });
    });

    it('rejects when the runner is stopped', async () => {
      const running = runner([countingProjection('counting')]);
      await running.start();
      const waiting = running.waitFor((await head()) + 10, WAIT_MS);

      await running.stop();

      await expect(waiting).rejects.toThrow(ProjectionRunnerStoppedError);
    });
  });

  it('refuses two projections of the same name', () => {
    expect(() => runner([countingProjection('twin'), countingProjection('twin')])).toThrow(
      'two projections are named twin',
    );
  });
});
