import type { LedgerEvent } from './ledger-event';

/** Turns the data of version `n` of an event type into version `n + 1`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Old schema versions are upcast on read, never rewritten. To change an event's schema, bump
 * its version in the decider's `schemaVersions` and register the step here under the old version.
 */
const upcasters: Partial<Record<LedgerEvent['type'], Record<number, Upcaster>>> = {};

export interface StoredEventData {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  occurredAt?: string;
}

export function upcast(event: StoredEventData): LedgerEvent {
  let data = event.data;
  const steps = upcasters[event.type as LedgerEvent['type']] ?? {};
  for (let version = event.schemaVersion; steps[version]; version++) data = steps[version](data);
  const upcasted = { type: event.type, data } as LedgerEvent;
  if (event.occurredAt !== undefined) upcasted.occurredAt = event.occurredAt;
  return upcasted;
}
