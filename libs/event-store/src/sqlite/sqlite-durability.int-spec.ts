import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { type RunningChild, startChild } from '../testing/child-process';
import {
  acknowledgedIds,
  expectBurstsKept,
  expectContiguousRevisions,
  killStillRunning,
  killWritersMidBurst,
} from '../testing/killed-writers';

const countOf = (lines: string[], line: string): number => lines.filter((l) => l === line).length;

interface ContenderOutput {
  /** Acknowledged event ids, with the number of the group transaction they committed in. */
  acks: Array<{ group: number; eventId: string }>;
  /** Groups in which an append was refused for a wrong expected revision. */
  conflictGroups: number[];
  done?: { groups: number; appends: number };
}

function contenderOutput(lines: string[]): ContenderOutput {
  const output: ContenderOutput = { acks: [], conflictGroups: [] };
  for (const line of lines) {
    const [word, first, second] = line.split(' ');
    if (word === 'ack') output.acks.push({ group: Number(first), eventId: second });
    else if (word === 'conflict') output.conflictGroups.push(Number(first));
    else if (word === 'done') output.done = { groups: Number(first), appends: Number(second) };
  }
  return output;
}

/** The batches (`writer/appender/batch`) whose events are not all stored. */
function partialBatches(events: RecordedEvent[]): string[] {
  const batches = new Map<string, { size: number; count: number }>();
  for (const { data } of events) {
    const batch = `${String(data.writer)}/${String(data.appender)}/${String(data.batch)}`;
    const seen = batches.get(batch) ?? { size: Number(data.size), count: 0 };
    batches.set(batch, { ...seen, count: seen.count + 1 });
  }
  return [...batches].filter(([, { size, count }]) => size !== count).map(([batch]) => batch);
}

/** Every stream's revisions run 0, 1, 2... with no gap; global positions run 1, 2, 3... */
function expectNoGap(all: RecordedEvent[]): void {
  expect(all.map((e) => e.globalPosition)).toEqual(all.map((_, i) => BigInt(i + 1)));
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of all) {
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  }
  for (const events of streams.values()) expectContiguousRevisions(events);
}

describe('The SQLite event store, written to by real processes', () => {
  let directory: string;
  let file: string;
  let children: RunningChild[] = [];

  const start = (script: string, args: string[]): RunningChild => {
    const child = startChild(path.join(__dirname, 'testing', script), args);
    children.push(child);
    return child;
  };

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    file = path.join(directory, 'events.sqlite');
  });

  afterEach(async () => {
    await killStillRunning(children);
    children = [];
    fs.rmSync(directory, { recursive: true, force: true });
  });

  describe('when a writer is killed in the middle of a burst', () => {
    it('keeps every acknowledged event exactly once and no partial batch', async () => {
      const streamId = 'incident-durability';
      const batchSize = 5;
      const acknowledged = await killWritersMidBurst(
        () => start('append-burst.child.ts', [file, streamId, String(batchSize)]),
        { rounds: 3, perRound: 40 * batchSize, timeoutMs: 30_000 },
      );

      const store = SqliteEventStore.open(file);
      try {
        expectBurstsKept(await store.readStream(streamId), acknowledged, { batchSize, kills: 3 });
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        await store.close();
      }
    });
  });

  describe('when a writer is killed in the middle of grouped commits', () => {
    it('keeps every acknowledged event exactly once, no partial batch and no gap', async () => {
      const appenders = 32;
      const acknowledged = await killWritersMidBurst(
        () => start('grouped-burst.child.ts', [file, String(appenders)]),
        { rounds: 3, perRound: 600, timeoutMs: 30_000 },
      );

      const store = SqliteEventStore.open(file);
      try {
        const all = await store.readAll();
        const stored = all.map((e) => e.eventId);
        expect(new Set(stored).size).toBe(stored.length);
        const isStored = new Set(stored);
        expect(acknowledged.filter((id) => !isStored.has(id))).toEqual([]);
        expectNoGap(all);
        expect(new Set(all.map((e) => e.streamId)).size).toBe(appenders);
        expect(partialBatches(all)).toEqual([]);
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        await store.close();
      }
    });
  });

  describe('when several processes append to the same streams at once', () => {
    it('loses nothing, duplicates nothing and leaves no gap', async () => {
      const streamIds = ['contingent-shared-1', 'contingent-shared-2'];
      await SqliteEventStore.open(file).close();
      const writers = Array.from({ length: 4 }, () =>
        start('contending-writer.child.ts', [file, '30', ...streamIds]),
      );
      await Promise.all(
        writers.map((w) => w.waitForLines((lines) => lines.includes('ready'), 30_000)),
      );

      writers.forEach((w) => w.process.stdin?.end('go\n'));
      const exits = await Promise.all(writers.map((w) => w.exited));

      exits.forEach((exit) => expect(exit).toMatchObject({ code: 0, stderr: '' }));
      const acknowledged = writers.flatMap((w) => acknowledgedIds(w.lines));
      const conflicts = writers.reduce((sum, w) => sum + countOf(w.lines, 'conflict'), 0);
      const store = SqliteEventStore.open(file);
      try {
        const all = await store.readAll();
        expect(all).toHaveLength(acknowledged.length);
        expect(new Set(all.map((e) => e.eventId))).toEqual(new Set(acknowledged));
        all.slice(1).forEach((event, i) => {
          expect(event.globalPosition).toBeGreaterThan(all[i].globalPosition);
        });
        for (const streamId of streamIds) {
          expectContiguousRevisions(await store.readStream(streamId));
        }
        expect(conflicts).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });
  });
  describe('when two processes, each with concurrent appenders, append to the same streams', () => {
    const shared = ['incident-shared-1', 'incident-shared-2'];
    const APPENDERS = 16;

    const startContenders = async (appends: [number, number]) => {
      await SqliteEventStore.open(file).close();
      const contenders = appends.map((count) =>
        start('grouped-contender.child.ts', [file, String(APPENDERS), String(count), ...shared]),
      );
      await Promise.all(
        contenders.map((c) => c.waitForLines((lines) => lines.includes('ready'), 30_000)),
      );
      // A contender with a count stops on its own; one without runs until `stop` (or stdin ends).
      contenders.forEach((c, i) =>
        appends[i] > 0 ? c.process.stdin?.end('go\n') : c.process.stdin?.write('go\n'),
      );
      return contenders;
    };

    it('commits in groups in both, refuses a conflict inside a group alone, and loses, duplicates or half-writes nothing', async () => {
      const contenders = await startContenders([20, 20]);
      const exits = await Promise.all(contenders.map((c) => c.exited));

      exits.forEach((exit) => expect(exit).toMatchObject({ code: 0, stderr: '' }));
      const outputs = contenders.map((c) => contenderOutput(c.lines));
      const store = SqliteEventStore.open(file);
      try {
        const all = await store.readAll();
        const acknowledged = outputs.flatMap((o) => o.acks.map((a) => a.eventId));
        expect(all).toHaveLength(acknowledged.length);
        expect(new Set(all.map((e) => e.eventId))).toEqual(new Set(acknowledged));
        expectNoGap(all);
        expect(partialBatches(all)).toEqual([]);
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

        const batchOf = new Map(
          all.map((e) => [e.eventId, `${String(e.data.appender)}/${String(e.data.batch)}`]),
        );
        for (const output of outputs) {
          // Each process committed its appends in groups: fewer transactions than appends.
          const done = output.done as { groups: number; appends: number };
          expect(done.appends).toBe(APPENDERS * 20 + output.conflictGroups.length);
          expect(done.groups).toBeLessThan(done.appends / 2);
          // Some conflicts were refused in a group in which other appends committed.
          const committedIn = new Map<number, Set<string>>();
          for (const { group, eventId } of output.acks) {
            committedIn.set(
              group,
              (committedIn.get(group) ?? new Set()).add(batchOf.get(eventId)!),
            );
          }
          const alongsideCommits = output.conflictGroups.filter(
            (group) => (committedIn.get(group)?.size ?? 0) > 0,
          );
          expect(alongsideCommits.length).toBeGreaterThan(0);
        }
      } finally {
        await store.close();
      }
    });

    it('keeps every acknowledged event of both exactly once when one is SIGKILLed mid-group while the other goes on', async () => {
      // Both run until told otherwise: the survivor cannot finish before the victim is killed.
      const [victim, survivor] = await startContenders([0, 0]);
      const acksOf = (lines: string[]) => lines.filter((line) => line.startsWith('ack ')).length;
      await victim.waitForLines((lines) => acksOf(lines) >= 300, 60_000);
      victim.process.kill('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');
      // The survivor goes on appending after the kill, then stops when asked.
      const survivorAcksAtKill = acksOf(survivor.lines);
      await survivor.waitForLines((lines) => acksOf(lines) >= survivorAcksAtKill + 300, 60_000);
      survivor.process.stdin?.end('stop\n');
      expect(await survivor.exited).toMatchObject({ code: 0, stderr: '' });
      expect(survivor.lines).toContainEqual(expect.stringMatching(/^done /));

      const [killed, finished] = [victim, survivor].map((c) => contenderOutput(c.lines));
      const store = SqliteEventStore.open(file);
      try {
        const all = await store.readAll();
        const stored = all.map((e) => e.eventId);
        expect(new Set(stored).size).toBe(stored.length);
        const acknowledged = new Set([...killed.acks, ...finished.acks].map((ack) => ack.eventId));
        expect([...acknowledged].filter((id) => !stored.includes(id))).toEqual([]);
        // Stored but never acknowledged: only appends the victim had in flight, one per appender.
        const unacknowledged = all.filter((e) => !acknowledged.has(e.eventId));
        const victimPid = victim.process.pid;
        expect(unacknowledged.filter((e) => e.data.writer !== victimPid)).toEqual([]);
        const inFlight = new Set(
          unacknowledged.map((e) => `${String(e.data.appender)}/${String(e.data.batch)}`),
        );
        expect(inFlight.size).toBeLessThanOrEqual(APPENDERS);
        expectNoGap(all);
        expect(partialBatches(all)).toEqual([]);
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(finished.done?.groups).toBeLessThan((finished.done?.appends ?? 0) / 2);
      } finally {
        await store.close();
      }
    });
  });
});
