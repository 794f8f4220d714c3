import * as grpc from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { CURRENT_SERVER } from './server-behaviour';
import type { ServerBehaviour } from './server-behaviour';
import { supportedMethodsHandler } from './server-features';
import { appendHandler, batchAppendHandler } from './streams-append';
import { readHandler } from './streams-read';
import { writeStartupSystemEvents } from './system-events';
import { TransactionLog } from './transaction-log';

export interface EventStoreDbDoubleOptions extends Partial<ServerBehaviour> {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
}

export interface EventStoreDbDouble {
  /** A single-node, insecure connection string for @eventstore/db-client. */
  url: string;
  /** The double's log, for tests that need to look under the hood. */
  log: TransactionLog;
  /** Drops every connection and stops listening; the data stays. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same data (stopping first if still running). */
  restart(): Promise<void>;
}

function unimplemented(
  _call: unknown,
  callback?: (error: Partial<grpc.ServiceError>) => void,
): void {
  callback?.({ code: grpc.status.UNIMPLEMENTED, details: 'not implemented by the test double' });
}

async function listen(log: TransactionLog, behaviour: ServerBehaviour, port: number) {
  const server = new grpc.Server();
  server.addService(StreamsService, {
    read: readHandler(log, behaviour),
    append: appendHandler(log),
    batchAppend: behaviour.batchAppend
      ? batchAppendHandler(log)
      : (call: grpc.ServerDuplexStream<unknown, unknown>) =>
          call.destroy(
            Object.assign(new Error('not implemented'), { code: grpc.status.UNIMPLEMENTED }),
          ),
    delete: unimplemented,
    tombstone: unimplemented,
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: supportedMethodsHandler(behaviour),
  });
  const boundPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `127.0.0.1:${port}`,
      grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );
  return { server, port: boundPort };
}

/** Starts an in-memory stand-in for EventStoreDB that speaks the client's gRPC protocol. */
export async function startEventStoreDbDouble(
  options: EventStoreDbDoubleOptions = {},
): Promise<EventStoreDbDouble> {
  const { port: requestedPort = 0, ...switches } = options;
  const behaviour: ServerBehaviour = { ...CURRENT_SERVER, ...switches };
  const log = new TransactionLog();
  writeStartupSystemEvents(log);
  let running: grpc.Server | undefined;
  const first = await listen(log, behaviour, requestedPort);
  running = first.server;
  const port = first.port;

  const stop = async () => {
    running?.forceShutdown();
    running = undefined;
  };
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    stop,
    restart: async () => {
      await stop();
      running = (await listen(log, behaviour, port)).server;
    },
  };
}
