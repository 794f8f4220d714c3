import type { RecordedEvent } from '@blue-ledger/event-store';
import { GENESIS_HASH, hashEvent } from '@blue-ledger/integrity';

/**
 * What must hold of the store's global order, as a list of what does not (empty when intact):
 * no event id twice, positions strictly increasing (EventStoreDB's are log offsets, not 1, 2,
 * 3), every stream's revisions 0, 1, 2, ... in global order, each `prevHash` the hash of the
 * event before it in its stream, each hash over its content.
 */
export function brokenGlobalOrder(events: RecordedEvent[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const heads = new Map<string, { revision: bigint; hash: string }>();
  let previous: bigint | undefined;
  for (const event of events) {
    const at = `position ${event.globalPosition} (${event.streamId}@${event.streamRevision})`;
    if (seen.has(event.eventId)) problems.push(`${at}: event ${event.eventId} appears twice`);
    seen.add(event.eventId);
    if (previous !== undefined && event.globalPosition <= previous) {
      problems.push(`${at}: not after position ${previous}`);
    }
    previous = event.globalPosition;
    const head = heads.get(event.streamId);
    const revision = head ? head.revision + 1n : 0n;
    if (event.streamRevision !== revision) problems.push(`${at}: expected revision ${revision}`);
    const prevHash = head ? head.hash : GENESIS_HASH;
    if (event.prevHash !== prevHash) problems.push(`${at}: prevHash does not link to ${prevHash}`);
    if (event.hash !== hashEvent(event)) problems.push(`${at}: hash is not over its content`);
    heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
  }
  return problems;
}
