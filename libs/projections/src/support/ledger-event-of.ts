import { upcast, type LedgerEvent } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';

/**
 * The typed event inside an envelope, upcast to the current schema: switch on `type` to
 * narrow `data`. Unknown types come back as they are and fall through every switch.
 */
export function ledgerEventOf(
  event: Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data' | 'occurredAt'>,
): LedgerEvent {
  return upcast(event);
}
