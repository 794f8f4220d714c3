/**
 * A hashing thread of a parallel verification: reads the events of a range of positions from
 * the store's file (a read-only connection of its own), recomputes each content hash and Merkle
 * leaf, and posts them back packed (see hashed-events). The checks themselves stay with the
 * thread that feeds the verifier, in global order.
 */
import { SqliteEventStore } from '@blue-ledger/event-store';
import { parentPort } from 'node:worker_threads';
import { safeHash } from '../../chain/chain-verifier';
import { eventLeafHash } from '../../merkle/merkle-hashing';
import type { HashedEvents } from './hashed-events';
import type { HashingTask } from './hashing-pool';

const stores = new Map<string, SqliteEventStore>();
const port = parentPort!;

async function hashRange({ file, from, through }: HashingTask): Promise<HashedEvents> {
  let store = stores.get(file);
  if (store === undefined) {
    store = SqliteEventStore.open(file, { readOnly: true });
    stores.set(file, store);
  }
  const read = await store.readAll({ fromPosition: from, maxCount: Number(through - from + 1n) });
  const events = read.filter((event) => event.globalPosition <= through);
  const count = events.length;
  const hashed: HashedEvents = {
    count,
    positions: new BigInt64Array(count),
    revisions: new BigInt64Array(count),
    streamIds: new Array<string>(count),
    prevHashes: new Array<string>(count),
    hashes: new Array<string>(count),
    recomputedHashes: new Array<string>(count),
    leafHashes: new Uint8Array(count * 32),
  };
  events.forEach((event, i) => {
    hashed.positions[i] = event.globalPosition;
    hashed.revisions[i] = event.streamRevision;
    hashed.streamIds[i] = event.streamId;
    hashed.prevHashes[i] = event.prevHash;
    hashed.hashes[i] = event.hash;
    hashed.recomputedHashes[i] = safeHash(event);
    hashed.leafHashes.set(eventLeafHash(event.hash), i * 32);
  });
  return hashed;
}

port.on('message', (task: HashingTask & { id: number }) => {
  hashRange(task).then(
    (hashed) =>
      port.postMessage({ id: task.id, hashed }, [
        hashed.positions.buffer as ArrayBuffer,
        hashed.revisions.buffer as ArrayBuffer,
        hashed.leafHashes.buffer as ArrayBuffer,
      ]),
    (error: unknown) =>
      port.postMessage({
        id: task.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
