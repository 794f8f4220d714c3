import { IdSource, type CommandPath, type CommandResult } from '@blue-ledger/command-handling';
import { randomUUID } from 'node:crypto';
import type { SeededRandom } from '../generate/seeded-random';
import { WORKLOAD_ACTOR, workloadCommand, type AppendTargets } from './append-workload';
import { secondsSince } from './timing';

export interface CommandPathRun {
  commands: number;
  events: number;
  seconds: number;
  /** What was appended, for the raw baseline to insert the same rows. */
  appended: CommandResult[];
}

/**
 * Appends through the ledger's one write path, in-process, as the API does: the
 * cross-aggregate checks, read and fold (from the path's cache of folded streams), decide,
 * seal, chain the hashes and append at the revision read; one transaction, fsynced, per command.
 */
export async function measureCommandPath(
  path: CommandPath,
  targets: AppendTargets,
  rnd: SeededRandom,
  commands: number,
): Promise<CommandPathRun> {
  const appended: CommandResult[] = [];
  let events = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < commands; i++) {
    const now = new Date().toISOString();
    const requestId = randomUUID();
    const result = await path.execute(workloadCommand(i, rnd, targets, now), {
      actor: WORKLOAD_ACTOR,
      now,
      correlationId: requestId,
      causationId: requestId,
      ids: IdSource.random(),
    });
    appended.push(result);
    events += result.events.length;
  }
  return { commands, events, seconds: secondsSince(start), appended };
}
