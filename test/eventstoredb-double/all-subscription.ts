import { randomUUID } from 'node:crypto';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { serverFilter } from './event-filter';
import type { ServerBehaviour } from './server-behaviour';
import type { StoredEvent, TransactionLog } from './transaction-log';
import { checkedPosition, compareToEvent, send } from './read-call';
import type { ReadCall } from './read-call';
import { invalidArgument, readEvent } from './wire-format';

/**
 * A catch-up subscription to $all: confirmation, the history after the start position
 * (exclusive), then live events. Filtered subscriptions send a checkpoint every
 * `checkpointInterval` considered events. When the subscription turns live, a current server
 * sends CaughtUp; an older one sent a checkpoint there instead.
 */
export async function subscribeToAll(
  call: ReadCall,
  log: TransactionLog,
  options: ReadReq.Options,
  behaviour: ServerBehaviour,
): Promise<void> {
  if (!options.hasAll()) throw invalidArgument('the double implements subscriptions to $all only');
  const allOptions = options.getAll() as ReadReq.Options.AllOptions;
  const filter = serverFilter(options);
  const structured = options.getUuidOption()?.hasStructured() ?? false;
  let next = 0;
  if (allOptions.hasEnd()) next = log.all.length;
  if (allOptions.hasPosition()) {
    const from = checkedPosition(log, allOptions.getPosition() as ReadReq.Options.Position);
    next = log.indexAtOrAfter(from.commit);
    while (next < log.all.length && compareToEvent(log.all[next], from) <= 0) next++;
  }

  const confirmation = new ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(randomUUID());
  const confirmed = new ReadResp();
  confirmed.setConfirmation(confirmation);
  await send(call, confirmed);

  let considered = 0;
  let live = false;
  while (!call.cancelled) {
    if (next < log.all.length) {
      const event = log.all[next++];
      considered++;
      if (filter === undefined || filter.matches(event)) await sendEvent(call, event, structured);
      if (filter !== undefined && considered % filter.checkpointInterval === 0) {
        await send(call, checkpoint(event.postPosition, 0n));
      }
      continue;
    }
    if (!live) {
      live = true;
      if (behaviour.caughtUpMessages) await send(call, caughtUp());
      else if (filter !== undefined) await send(call, checkpoint(log.endPosition, log.endPosition));
      continue;
    }
    await nextAppendOrCancel(call, log);
  }
}

async function sendEvent(call: ReadCall, event: StoredEvent, structured: boolean) {
  const response = new ReadResp();
  response.setEvent(readEvent(event, structured));
  await send(call, response);
}

function checkpoint(commit: bigint, prepare: bigint): ReadResp {
  const message = new ReadResp.Checkpoint();
  message.setCommitPosition(commit.toString());
  message.setPreparePosition(prepare.toString());
  const response = new ReadResp();
  response.setCheckpoint(message);
  return response;
}

function caughtUp(): ReadResp {
  const response = new ReadResp();
  response.setCaughtUp(new ReadResp.CaughtUp());
  return response;
}

function nextAppendOrCancel(call: ReadCall, log: TransactionLog): Promise<void> {
  return new Promise((resolve) => {
    const stop = log.onAppended(() => done());
    const done = () => {
      stop();
      call.off('cancelled', done);
      resolve();
    };
    call.on('cancelled', done);
  });
}
