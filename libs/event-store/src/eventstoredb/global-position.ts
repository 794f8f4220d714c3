import type { Position } from '@eventstore/db-client';

/**
 * EventStoreDB gives each event a position in $all made of two log positions, commit and
 * prepare: byte offsets into its transaction log. For every event written by an append (any
 * gRPC write; only the legacy TCP API's explicit transactions differ), both are the log position
 * of the event's own record, so they are equal and strictly increase in the global order.
 *
 * The port's single bigint is that prepare position. As a cursor it is turned back into
 * {commit: p, prepare: p}, which is a real record boundary on the server: forward reads from it
 * include the event there, backward reads and subscriptions start strictly before or after it.
 */
export function toGlobalPosition(position: Position | undefined): bigint {
  if (
    position === undefined ||
    position.prepare === NO_POSITION ||
    position.commit === NO_POSITION
  ) {
    throw new Error(
      'EventStoreDB gave no $all position for an event: stream reads carry one from server 22.6 on',
    );
  }
  return position.prepare;
}

export function toServerPosition(globalPosition: bigint): Position {
  return { commit: globalPosition, prepare: globalPosition };
}

/** What servers before 22.6 send (ulong.MaxValue) for events read from a stream. */
const NO_POSITION = 2n ** 64n - 1n;
