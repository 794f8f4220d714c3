import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { type RunningChild, startChild } from '../testing/child-process';

const acknowledgedIds = (lines: string[]): string[] =>
  lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice('ack '.length));

const countOf = (lines: string[], line: string): number => lines.filter((l) => l === line).length;

function expectContiguousRevisions(events: RecordedEvent[]): void {
  expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => BigInt(i)));
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
    const stillRunning = children.filter((c) => c.process.exitCode === null && !c.process.killed);
    children = [];
    stillRunning.forEach((child) => child.process.kill('SIGKILL'));
    await Promise.all(stillRunning.map((child) => child.exited));
    fs.rmSync(directory, { recursive: true, force: true });
  });

  describe('when a writer is killed in the middle of a burst', () => {
    it('keeps every acknowledged event exactly once and no partial batch', async () => {
      const streamId = 'incident-durability';
      const batchSize = 5;
      const acknowledged: string[] = [];

      for (let round = 0; round < 3; round++) {
        const writer = start('append-burst.child.ts', [file, streamId, String(batchSize)]);
        const target = acknowledged.length + 40 * batchSize;
        await writer.waitForLines(
          (lines) => acknowledged.length + acknowledgedIds(lines).length >= target,
          30_000,
        );
        writer.process.kill('SIGKILL');
        const { signal } = await writer.exited;
        expect(signal).toBe('SIGKILL');
        acknowledged.push(...acknowledgedIds(writer.lines));
      }

      const store = SqliteEventStore.open(file);
      try {
        const events = await store.readStream(streamId);
        const stored = events.map((e) => e.eventId);
        expect(new Set(stored).size).toBe(stored.length);
        const isAcknowledged = new Set(acknowledged);
        expect(stored.filter((id) => isAcknowledged.has(id))).toEqual(acknowledged);
        // A batch may commit and the writer die before saying so: at most one per kill.
        expect(stored.length - acknowledged.length).toBeLessThanOrEqual(batchSize * 3);
        expectContiguousRevisions(events);
        const batchSizes = new Map<string, number>();
        for (const { data } of events) {
          const batch = `${String(data.writer)}/${String(data.batch)}`;
          batchSizes.set(batch, (batchSizes.get(batch) ?? 0) + 1);
        }
        expect([...new Set(batchSizes.values())]).toEqual([batchSize]);
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
});
