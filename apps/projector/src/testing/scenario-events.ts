import type { EventStore, ProposedEvent } from '@blue-ledger/event-store';
import { randomUUID } from 'node:crypto';
import { accountabilityScenario } from '../../../../libs/projections/src/testing/accountability-scenario';
import { proposedOf } from '../../../../libs/projections/src/testing/ledger-history';

export interface ScenarioEvent {
  streamId: string;
  event: ProposedEvent;
}

/**
 * The projections' accountability scenario (Malakal and Juba) as events to append, with GUID
 * event ids as EventStoreDB requires.
 */
export function scenarioEvents(): ScenarioEvent[] {
  return accountabilityScenario().events.map((recorded) => ({
    streamId: recorded.streamId,
    event: { ...proposedOf(recorded), eventId: randomUUID() },
  }));
}

/** Appends the events one by one, in their order. */
export async function appendEvents(store: EventStore, events: ScenarioEvent[]): Promise<void> {
  for (const { streamId, event } of events) await store.appendToStream(streamId, [event]);
}
