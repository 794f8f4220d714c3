import type { ProposedEvent } from '@blue-ledger/event-store';
import { GENESIS_HASH, hashEvent } from './event-hash';

export type UnchainedEvent = Omit<ProposedEvent, 'prevHash' | 'hash'>;

/**
 * Links a batch that will be appended to `streamId` at `nextRevision`: each event's
 * `prevHash` is the hash before it (`prevHash` for the first), and its `hash` covers that.
 */
export function chainEvents(
  streamId: string,
  nextRevision: bigint,
  prevHash: string,
  events: readonly UnchainedEvent[],
): ProposedEvent[] {
  if ((nextRevision === 0n) !== (prevHash === GENESIS_HASH)) {
    throw new RangeError(
      `revision 0, and only revision 0, follows GENESIS_HASH (revision ${nextRevision}, prevHash ${prevHash})`,
    );
  }
  let previous = prevHash;
  return events.map((event, offset) => {
    const streamRevision = nextRevision + BigInt(offset);
    const hash = hashEvent({ ...event, streamId, streamRevision, prevHash: previous });
    const chained: ProposedEvent = { ...event, prevHash: previous, hash };
    previous = hash;
    return chained;
  });
}
