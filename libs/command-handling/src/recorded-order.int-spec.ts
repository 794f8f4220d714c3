import type { Decider } from '@blue-ledger/domain';
import { SqliteEventStore } from '@blue-ledger/event-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from './command-context';
import { handleCommand } from './handle-command';
import { IdSource } from './id-source';
import { RecordingClock } from './recording-clock';
import { StreamStateCache } from './stream-state-cache';

type Added = { type: 'Added'; data: { by: number; total: number } };

const counter: Decider<{ by: number }, Added, number> = {
  schemaVersions: { Added: 1 },
  initialState: 0,
  evolve: (_total, event) => event.data.total,
  decide: ({ by }, total) => [
    { type: 'Added', data: { by, total: total + by } },
    { type: 'Added', data: { by: 0, total: total + by } },
  ],
};

const START = Date.UTC(2026, 0, 1);

describe('Concurrent writers in one process', () => {
  let directory: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    store = SqliteEventStore.open(path.join(directory, 'events.sqlite'));
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  describe('when commands arrive in one order, interleave, retry and append in another', () => {
    it('stamp recordedAt non-decreasing along the global order, whatever their arrival time and the wall clock did', async () => {
      // A wall clock that moves on by a few milliseconds, and every seventh reading is set back.
      let wall = START;
      let turn = 0;
      const clock = new RecordingClock(() => {
        turn += 1;
        wall += turn % 7 === 0 ? -25 : 1 + ((turn * 37) % 11);
        return wall;
      });
      const cache = new StreamStateCache();
      const contexts = Array.from({ length: 200 }, (_, n): CommandContext => ({
        actor: { id: 'clerk', role: 'recorder' },
        // Arrival times deliberately in the reverse order of the commands.
        now: new Date(START + (200 - n) * 1000).toISOString(),
        correlationId: `correlation-${n}`,
        causationId: `causation-${n}`,
        ids: IdSource.random(),
      }));

      const results = await Promise.all(
        contexts.map((context, n) =>
          handleCommand(store, `counter-${n % 40}`, counter, { by: n }, context, {
            clock,
            cache: n % 2 === 0 ? cache : undefined,
          }),
        ),
      );

      const events = await store.readAll();
      expect(events).toHaveLength(400);
      expect(results.every((r) => !r.alreadyApplied)).toBe(true);
      const outOfOrder = events.filter(
        (event, i) => i > 0 && event.recordedAt < events[i - 1].recordedAt,
      );
      expect(outOfOrder.map((e) => `${e.globalPosition} ${e.recordedAt}`)).toEqual([]);
      // The stamp is the recording clock's, not the command's arrival; one per command.
      results.forEach((result, n) => {
        expect(result.events.map((e) => e.recordedAt)).not.toContain(contexts[n].now);
        expect(new Set(result.events.map((e) => e.recordedAt)).size).toBe(1);
      });
      expect(new Set(events.map((e) => e.recordedAt)).size).toBeGreaterThan(10);
    });
  });
});
