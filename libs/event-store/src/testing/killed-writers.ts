import type { RecordedEvent } from '../event-store.port';
import type { RunningChild } from './child-process';

/**
 * What the durability tests of each adapter share: writer processes killed (SIGKILL) in the
 * middle of their appends, and what the store must hold afterwards.
 */

/** The event ids a writer acknowledged, in order: its `ack <eventId>` lines. */
export const acknowledgedIds = (lines: string[]): string[] =>
  lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice('ack '.length));

/** Kills the children still running and waits for them to be gone (an `afterEach`). */
export async function killStillRunning(children: readonly RunningChild[]): Promise<void> {
  const stillRunning = children.filter((c) => c.process.exitCode === null && !c.process.killed);
  stillRunning.forEach((child) => child.process.kill('SIGKILL'));
  await Promise.all(stillRunning.map((child) => child.exited));
}

/** A stream's revisions run 0, 1, 2... with no gap. */
export function expectContiguousRevisions(events: RecordedEvent[]): void {
  expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => BigInt(i)));
}

/**
 * Starts a writer `rounds` times, one after the other, and kills each once it has acknowledged
 * `perRound` events more than all before it; answers every id acknowledged, in order.
 */
export async function killWritersMidBurst(
  startWriter: () => RunningChild,
  options: { rounds: number; perRound: number; timeoutMs: number },
): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const writer = startWriter();
    const target = acknowledged.length + options.perRound;
    await writer.waitForLines(
      (lines) => acknowledged.length + acknowledgedIds(lines).length >= target,
      options.timeoutMs,
    );
    writer.process.kill('SIGKILL');
    const { signal } = await writer.exited;
    expect(signal).toBe('SIGKILL');
    acknowledged.push(...acknowledgedIds(writer.lines));
  }
  return acknowledged;
}

/**
 * What a stream written by killed bursts (`append-burst.child.ts`) must hold: every acknowledged
 * event exactly once and in order, at most one unacknowledged batch per kill (committed, the
 * writer killed before it said so), revisions without a gap, and only whole batches.
 */
export function expectBurstsKept(
  events: RecordedEvent[],
  acknowledged: string[],
  { batchSize, kills }: { batchSize: number; kills: number },
): void {
  const stored = events.map((e) => e.eventId);
  expect(new Set(stored).size).toBe(stored.length);
  const isAcknowledged = new Set(acknowledged);
  expect(stored.filter((id) => isAcknowledged.has(id))).toEqual(acknowledged);
  expect(stored.length - acknowledged.length).toBeLessThanOrEqual(batchSize * kills);
  expectContiguousRevisions(events);
  const batchSizes = new Map<string, number>();
  for (const { data } of events) {
    const batch = `${String(data.writer)}/${String(data.batch)}`;
    batchSizes.set(batch, (batchSizes.get(batch) ?? 0) + 1);
  }
  expect([...new Set(batchSizes.values())]).toEqual([batchSize]);
}
