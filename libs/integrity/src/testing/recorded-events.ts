import type { RecordedEvent } from '@blue-ledger/event-store';
import { chainEvents, type UnchainedEvent } from '../chain/chain-events';
import { GENESIS_HASH } from '../chain/event-hash';

export function unchainedEvent(n: number, overrides: Partial<UnchainedEvent> = {}): UnchainedEvent {
  return {
    eventId: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    type: 'IncidentAmended',
    schemaVersion: 1,
    data: { summary: `amendment ${n}`, casualties: { civiliansKilled: n % 3 } },
    recordedAt: `2016-07-${String(10 + (n % 18)).padStart(2, '0')}T18:30:00Z`,
    occurredAt: '2016-07-10T17:00:00Z',
    actor: { id: 'investigator-1', role: 'investigator' },
    correlationId: `corr-${n}`,
    causationId: `cause-${n}`,
    ...overrides,
  };
}

/**
 * A small ledger, in global order, as the store would record it: events of `streamCount`
 * streams interleaved round-robin, every chain correctly linked.
 */
export function recordedLedger(eventCount: number, streamCount = 3): RecordedEvent[] {
  const heads = new Map<string, { revision: bigint; hash: string }>();
  const ledger: RecordedEvent[] = [];
  for (let n = 0; n < eventCount; n += 1) {
    const streamId = `incident-${n % streamCount}`;
    const head = heads.get(streamId);
    const streamRevision = head ? head.revision + 1n : 0n;
    const [event] = chainEvents(streamId, streamRevision, head?.hash ?? GENESIS_HASH, [
      unchainedEvent(n),
    ]);
    ledger.push({ ...event, streamId, streamRevision, globalPosition: BigInt(n + 1) });
    heads.set(streamId, { revision: streamRevision, hash: event.hash });
  }
  return ledger;
}
