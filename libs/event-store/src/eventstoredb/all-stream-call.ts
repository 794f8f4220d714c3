import { convertToCommandError } from '@eventstore/db-client';
import type { EventStoreDBClient, Position, ResolvedEvent } from '@eventstore/db-client';
import type { CallOptions, ClientReadableStream, Metadata } from '@grpc/grpc-js';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import type { ServerSideFilter } from './all-stream-filter';

/**
 * Streams.Read calls on $all that the v6 client builds but does not expose: `readAll` has no
 * filter option, and `subscribeToAll` reports caught-up and checkpoints as stream events that
 * can overtake the data still buffered in it. This sends the request the client's own
 * `readAll`/`subscribeToAll` send, plus the server-side filter, through the client's channel
 * (with its reconnection handling), and hands back the server's messages in their order.
 */
interface ClientInternals {
  GRPCStreamCreator<C, T>(
    client: new (...args: never[]) => C,
    debugName: string,
    creator: (client: C) => T,
  ): () => Promise<T>;
  callArguments(options: object, callOptions?: CallOptions): [Metadata, CallOptions];
}

export type AllStreamStart = 'start' | 'end' | Position;

export type AllStreamCall =
  | {
      kind: 'read';
      from: AllStreamStart;
      forwards: boolean;
      maxCount: bigint;
      /** Without one the server returns its own events too. */
      filter?: ServerSideFilter;
    }
  | { kind: 'subscription'; from: AllStreamStart; filter: ServerSideFilter };

export type AllStreamMessage =
  | { kind: 'confirmation' }
  | { kind: 'event'; event: ResolvedEvent }
  | { kind: 'checkpoint'; position: Position }
  | { kind: 'caught_up' };

export interface OpenAllStreamCall {
  messages: AsyncIterable<AllStreamMessage>;
  cancel(): void;
}

export async function openAllStreamCall(
  client: EventStoreDBClient,
  call: AllStreamCall,
): Promise<OpenAllStreamCall> {
  const internals = client as unknown as ClientInternals;
  const request = readRequest(call);
  const stream = await internals.GRPCStreamCreator(
    StreamsClient,
    call.kind === 'read' ? 'readAll' : 'subscribeToAll',
    (streams: StreamsClient) =>
      streams.read(request, ...internals.callArguments({}, { deadline: Infinity })),
  )();
  return { messages: messagesOf(stream), cancel: () => stream.cancel() };
}

async function* messagesOf(
  stream: ClientReadableStream<ReadResp>,
): AsyncIterable<AllStreamMessage> {
  try {
    for await (const response of stream as AsyncIterable<ReadResp>) {
      if (response.hasConfirmation()) yield { kind: 'confirmation' };
      if (response.hasEvent()) {
        yield { kind: 'event', event: convertGrpcEvent(response.getEvent() as ReadResp.ReadEvent) };
      }
      const checkpoint = response.getCheckpoint();
      if (checkpoint !== undefined) {
        yield {
          kind: 'checkpoint',
          position: {
            commit: BigInt(checkpoint.getCommitPosition()),
            prepare: BigInt(checkpoint.getPreparePosition()),
          },
        };
      }
      if (response.hasCaughtUp()) yield { kind: 'caught_up' };
    }
  } catch (error) {
    throw convertToCommandError(error as Error);
  }
}

function readRequest(call: AllStreamCall): ReadReq {
  const options = new ReadReq.Options();
  const uuidOption = new ReadReq.Options.UUIDOption();
  uuidOption.setString(new Empty());
  options.setUuidOption(uuidOption);
  options.setAll(allOptions(call.from));
  options.setResolveLinks(false);
  if (call.kind === 'subscription') {
    options.setSubscription(new ReadReq.Options.SubscriptionOptions());
  } else {
    options.setCount(call.maxCount.toString());
    options.setReadDirection(
      call.forwards
        ? ReadReq.Options.ReadDirection.FORWARDS
        : ReadReq.Options.ReadDirection.BACKWARDS,
    );
  }
  if (call.filter === undefined) options.setNoFilter(new Empty());
  else options.setFilter(filterOptions(call.filter));
  const request = new ReadReq();
  request.setOptions(options);
  return request;
}

function allOptions(from: AllStreamStart): ReadReq.Options.AllOptions {
  const all = new ReadReq.Options.AllOptions();
  if (from === 'start') all.setStart(new Empty());
  else if (from === 'end') all.setEnd(new Empty());
  else {
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(from.commit.toString());
    position.setPreparePosition(from.prepare.toString());
    all.setPosition(position);
  }
  return all;
}

function filterOptions(filter: ServerSideFilter): ReadReq.Options.FilterOptions {
  const expression = new ReadReq.Options.FilterOptions.Expression();
  if (filter.on === 'stream') expression.setPrefixList(filter.prefixes);
  else expression.setRegex(filter.regex);
  const options = new ReadReq.Options.FilterOptions();
  if (filter.on === 'stream') options.setStreamIdentifier(expression);
  else options.setEventType(expression);
  options.setCount(new Empty());
  options.setCheckpointintervalmultiplier(1);
  return options;
}
