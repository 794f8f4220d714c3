import * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { serverFilter } from './event-filter';
import type { EventPredicate } from './event-filter';
import { subscribeToAll } from './all-subscription';
import type { ServerBehaviour } from './server-behaviour';
import type { StoredEvent, TransactionLog } from './transaction-log';
import { checkedPosition, compareToEvent, send } from './read-call';
import type { ReadCall } from './read-call';
import { invalidArgument, readEvent, streamIdentifier, streamName } from './wire-format';

/** Streams.Read: stream reads, $all reads (filtered or not) and catch-up subscriptions. */
export function readHandler(log: TransactionLog, behaviour: ServerBehaviour) {
  return (call: ReadCall): void => {
    const options = call.request.getOptions();
    const run = async () => {
      if (options === undefined) throw invalidArgument('options are required');
      if (options.hasSubscription()) return subscribeToAll(call, log, options, behaviour);
      if (options.hasStream()) return readStream(call, log, options);
      return readAll(call, log, options);
    };
    run().then(
      () => call.end(),
      (error: grpc.ServiceError) => call.destroy(error),
    );
  };
}

function structuredIds(options: ReadReq.Options): boolean {
  return options.getUuidOption()?.hasStructured() ?? false;
}

async function sendEvents(call: ReadCall, events: Iterable<StoredEvent>, structured: boolean) {
  for (const event of events) {
    if (call.cancelled) return;
    const response = new ReadResp();
    response.setEvent(readEvent(event, structured));
    await send(call, response);
  }
}

async function readStream(call: ReadCall, log: TransactionLog, options: ReadReq.Options) {
  const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
  const name = streamName(streamOptions.getStreamIdentifier());
  const events = log.stream(name);
  if (events === undefined) {
    const notFound = new ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(streamIdentifier(name));
    const response = new ReadResp();
    response.setStreamNotFound(notFound);
    return send(call, response);
  }
  const count = BigInt(options.getCount());
  const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
  const size = BigInt(events.length);
  const from = streamOptions.hasStart()
    ? 0n
    : streamOptions.hasEnd()
      ? size - (forwards ? 0n : 1n)
      : BigInt(streamOptions.getRevision());
  const selected = forwards
    ? events.slice(Number(from), Number(from + count))
    : backwardsFrom(events, from, count);
  return sendEvents(call, selected, structuredIds(options));
}

async function readAll(call: ReadCall, log: TransactionLog, options: ReadReq.Options) {
  const allOptions = options.getAll() as ReadReq.Options.AllOptions;
  const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
  const matches: EventPredicate = serverFilter(options)?.matches ?? (() => true);
  let remaining = BigInt(options.getCount());
  const from = allOptions.hasPosition()
    ? checkedPosition(log, allOptions.getPosition() as ReadReq.Options.Position)
    : undefined;
  const all = log.all;
  const selected: StoredEvent[] = [];
  const inRange = (event: StoredEvent) =>
    from === undefined ||
    (forwards ? compareToEvent(event, from) >= 0 : compareToEvent(event, from) < 0);
  const startAtEnd = forwards ? allOptions.hasEnd() : false;
  if (!startAtEnd) {
    for (let i = 0; i < all.length && remaining > 0n; i++) {
      const event = forwards ? all[i] : all[all.length - 1 - i];
      if (!inRange(event) || !matches(event)) continue;
      selected.push(event);
      remaining -= 1n;
    }
  }
  return sendEvents(call, selected, structuredIds(options));
}

function backwardsFrom(events: readonly StoredEvent[], from: bigint, count: bigint): StoredEvent[] {
  const top = from >= BigInt(events.length) ? BigInt(events.length) - 1n : from;
  const bottom = top - count + 1n < 0n ? 0n : top - count + 1n;
  return events.slice(Number(bottom), Number(top + 1n)).reverse();
}
