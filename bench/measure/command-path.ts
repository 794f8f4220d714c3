import { IdSource, type CommandPath, type CommandResult } from '@blue-ledger/command-handling';
import { randomUUID } from 'node:crypto';
import type { SeededRandom } from '../generate/seeded-random';
import { WORKLOAD_ACTOR, workloadCommand, type AppendTargets } from './append-workload';
import { secondsSince } from './timing';

export interface CommandPathRun {
  commands: number;
  events: number;
  seconds: number;
  /** What was appended, in the order the appends were acknowledged, for the raw baselines. */
  appended: CommandResult[];
}

/**
 * Appends through the ledger's one write path, in-process, as the API does: the
 * cross-aggregate checks, read and fold (from the path's cache of folded streams), decide,
 * seal, chain the hashes and append at the revision read, durable on acknowledgement.
 * `callers` commands are in flight at once, each caller sending its next command as soon as
 * the last one is acknowledged (1: one after another).
 */
export async function measureCommandPath(
  path: CommandPath,
  targets: AppendTargets,
  rnd: SeededRandom,
  commands: number,
  callers = 1,
): Promise<CommandPathRun> {
  const appended: CommandResult[] = [];
  let events = 0;
  let sent = 0;
  const caller = async () => {
    while (sent < commands) {
      const index = sent++;
      const now = new Date().toISOString();
      const requestId = randomUUID();
      const result = await path.execute(workloadCommand(index, rnd, targets, now), {
        actor: WORKLOAD_ACTOR,
        now,
        correlationId: requestId,
        causationId: requestId,
        ids: IdSource.random(),
      });
      appended.push(result);
      events += result.events.length;
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.max(1, callers) }, caller));
  return { commands, events, seconds: secondsSince(start), appended };
}
