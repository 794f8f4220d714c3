import type { Decider, DomainEvent } from '@blue-ledger/domain';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type RecordedEvent,
} from '@blue-ledger/event-store';
import { chainEvents } from '@blue-ledger/integrity';
import type { CommandContext, CommandResult } from './command-context';
import { foldStream } from './fold-stream';
import { processRecordingClock, type RecordingClock } from './recording-clock';
import type { StreamStateCache } from './stream-state-cache';

/** Rewrites a new event's data before it is hashed (seals personal details), so what is hashed is what is stored. */
export type SealData = (
  eventId: string,
  data: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

export interface HandleCommandOptions {
  cache?: StreamStateCache;
  seal?: SealData;
  /** Stamps `recordedAt`; the process's clock unless a test gives its own. */
  clock?: RecordingClock;
}

/**
 * Appends are committed in groups, so between the read of a stream and the commit of the
 * append lies a turn of the event loop (and a commit's fsync), in which another process writing
 * the same file may append to the stream. A command that loses such a race is decided again on
 * the fresh state, never merged. The first retry is immediate; later ones wait a random pause
 * whose ceiling doubles with each loss up to `MAX_PAUSE_MS` ("full jitter"), so that processes
 * contending for one stream fall out of step however slow their disk. The command gives up, with
 * the conflict, only once it has been losing for `RETRY_WINDOW_MS`.
 */
const RETRY_WINDOW_MS = 10_000;
const MAX_PAUSE_MS = 250;
const pauseCeilingMs = (losses: number): number =>
  losses <= 1 ? 0 : Math.min(MAX_PAUSE_MS, 2 ** (losses - 1));
const pauseAfter = (losses: number): Promise<void> => {
  const ceiling = pauseCeilingMs(losses);
  return ceiling === 0
    ? Promise.resolve()
    : new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
};

/**
 * Read the stream, fold it, decide, seal, stamp, chain the new events' hashes and append with
 * the exact revision that was read. A conditional write (If-Match) that is stale is rejected; an
 * unconditional one that loses a race is decided again on the fresh state, never merged. A
 * retry of a command whose events are in the stream already answers as the first attempt did.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<CommandResult> {
  const givingUpAt = Date.now() + RETRY_WINDOW_MS;
  for (let losses = 0; ; losses++) {
    await pauseAfter(losses);
    try {
      return await attemptCommand(store, streamId, decider, command, context, options);
    } catch (error) {
      const retry =
        error instanceof WrongExpectedRevisionError &&
        context.expectedRevision === undefined &&
        Date.now() < givingUpAt;
      if (!retry) throw error;
    }
  }
}

async function attemptCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
  { cache, seal, clock = processRecordingClock }: HandleCommandOptions,
): Promise<CommandResult> {
  const current = await foldStream(store, streamId, decider, cache);
  if (current.eventIds.has(context.ids.eventId(streamId, 0))) {
    return appliedBefore(await store.readStream(streamId), streamId, context);
  }
  const { state, revision: currentRevision, lastHash } = current;
  if (context.expectedRevision !== undefined && context.expectedRevision !== currentRevision) {
    throw new WrongExpectedRevisionError(
      streamId,
      context.expectedRevision,
      currentRevision ?? 'no_stream',
    );
  }

  const decided = decider.decide(command, state);
  const nextRevision = currentRevision === undefined ? 0n : currentRevision + 1n;
  // Sealing may wait on the subject-key store (PostgreSQL): it is done, for all the new events,
  // before the stamp, so that nothing awaits between the stamp and the append below.
  const sealed = await Promise.all(
    decided.map(async (event, index) => {
      const eventId = context.ids.eventId(streamId, index);
      const data = event.data as Record<string, unknown>;
      return { event, eventId, data: seal ? await seal(eventId, data) : data };
    }),
  );
  // Stamped, hashed and handed to the store in one synchronous step: within this process the
  // order of the stamps is the order of the appends, and the clock never goes back, so
  // `recordedAt` never decreases along the global order (the domain's `now` is the arrival).
  const recordedAt = clock.stamp();
  const events = chainEvents(
    streamId,
    nextRevision,
    lastHash,
    sealed.map(({ event, eventId, data }) => ({
      eventId,
      type: event.type,
      schemaVersion: decider.schemaVersions[event.type as Event['type']],
      data,
      recordedAt,
      ...(event.occurredAt !== undefined && { occurredAt: event.occurredAt }),
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
    })),
  );
  const result = await store.appendToStream(streamId, events, {
    expectedRevision: currentRevision ?? 'no_stream',
  });
  return {
    streamId,
    events,
    revision: result.nextExpectedRevision,
    position: result.position,
    alreadyApplied: false,
  };
}

/** The events a command appended before, found by its deterministic event ids. */
function appliedBefore(
  history: RecordedEvent[],
  streamId: string,
  context: CommandContext,
): CommandResult {
  const start = history.findIndex((event) => event.eventId === context.ids.eventId(streamId, 0));
  let end = start;
  while (
    end + 1 < history.length &&
    history[end + 1].eventId === context.ids.eventId(streamId, end + 1 - start)
  ) {
    end++;
  }
  const events = history.slice(start, end + 1);
  const last = events[events.length - 1];
  return {
    streamId,
    events,
    revision: last.streamRevision,
    position: last.globalPosition,
    alreadyApplied: true,
  };
}
