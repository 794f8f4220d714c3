import type { Actor, RecordedEvent } from '@blue-ledger/event-store';

/** Where and when an event stands in the ledger, as the read models keep it. */
export interface Recorded {
  position: number;
  recordedAt: string;
}

/** What a read model needs of an envelope to replay its event: what it says and where it stands. */
export type EventFacts = Pick<
  RecordedEvent,
  'type' | 'schemaVersion' | 'data' | 'occurredAt' | 'globalPosition' | 'recordedAt'
>;

export const recordedOf = (
  event: Pick<RecordedEvent, 'globalPosition' | 'recordedAt'>,
): Recorded => ({
  position: Number(event.globalPosition),
  recordedAt: event.recordedAt,
});

export const actorOf = (event: RecordedEvent): Actor => ({
  id: event.actor.id,
  role: event.actor.role,
});

/** The keys of `changes` that are set: what an amendment or a revision changed. */
export const changedFields = (changes: object): string[] =>
  Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .sort();
