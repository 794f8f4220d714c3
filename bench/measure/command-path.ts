import {
  handleCommand,
  IdSource,
  StreamStateCache,
  type CommandResult,
  type EventStore,
} from '@blue-ledger/event-store';
import { randomUUID } from 'node:crypto';
import type { SeededRandom } from '../generate/seeded-random';
import { secondsSince } from './timing';
import { dispatch, WORKLOAD_ACTOR, workloadCommand, type AppendTargets } from './append-workload';

export interface CommandPathRun {
  commands: number;
  events: number;
  seconds: number;
  /** What was appended, for the raw baseline to insert the same rows. */
  appended: CommandResult[];
}

/**
 * Appends through the full command path, in-process: `handleCommand` reads the stream, folds
 * it, decides (the decider validates), chains the hashes and appends at the revision it read;
 * one transaction, fsynced, per command.
 */
export async function measureCommandPath(
  store: EventStore,
  targets: AppendTargets,
  rnd: SeededRandom,
  commands: number,
  /** The folded streams the path keeps between commands, as the API keeps them between requests. */
  streams?: StreamStateCache,
): Promise<CommandPathRun> {
  const appended: CommandResult[] = [];
  let events = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < commands; i++) {
    const now = new Date().toISOString();
    const work = workloadCommand(i, rnd, targets, now);
    const requestId = randomUUID();
    const context = {
      actor: WORKLOAD_ACTOR,
      now,
      correlationId: requestId,
      causationId: requestId,
      ids: IdSource.random(),
    };
    const result = await dispatch(work, {
      incident: (streamId, decider, command) =>
        handleCommand(store, streamId, decider, command, context, streams),
      investigation: (streamId, decider, command) =>
        handleCommand(store, streamId, decider, command, context, streams),
    });
    appended.push(result);
    events += result.events.length;
  }
  return { commands, events, seconds: secondsSince(start), appended };
}
