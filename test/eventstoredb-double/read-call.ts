import * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent, TransactionLog } from './transaction-log';
import { invalidArgument } from './wire-format';

export type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

/** Writes one response, waiting while grpc-js's send buffer is full. */
export async function send(call: ReadCall, response: ReadResp): Promise<void> {
  if (call.write(response)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
}

/** A position in $all: commit and prepare, compared in that order as the server does. */
export interface TfPosition {
  commit: bigint;
  prepare: bigint;
}

export function compareToEvent(event: StoredEvent, position: TfPosition): number {
  if (event.position !== position.commit) return event.position < position.commit ? -1 : 1;
  if (event.position !== position.prepare) return event.position < position.prepare ? -1 : 1;
  return 0;
}

/** A read from a position the log has no record at is refused, as the server refuses it. */
export function checkedPosition(
  log: TransactionLog,
  position: ReadReq.Options.Position,
): TfPosition {
  const commit = BigInt(position.getCommitPosition());
  const prepare = BigInt(position.getPreparePosition());
  if (!log.isRecordBoundary(commit) || prepare > commit) throw invalidArgument('Invalid position.');
  return { commit, prepare };
}
