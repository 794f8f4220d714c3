import { randomBytes, randomUUID } from 'node:crypto';
import type { ProposedEvent, RecordedEvent } from '../event-store.port';

const randomHash = (): string => randomBytes(32).toString('hex');

/** A valid proposed event with fresh ids; override what the test is about. */
export function proposedEvent(overrides: Partial<ProposedEvent> = {}): ProposedEvent {
  return {
    eventId: randomUUID(),
    type: 'IncidentReported',
    schemaVersion: 1,
    data: { summary: 'Attack on the protection of civilians site' },
    recordedAt: new Date().toISOString(),
    actor: { id: 'investigator-1', role: 'investigator' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    prevHash: randomHash(),
    hash: randomHash(),
    ...overrides,
  };
}

export function proposedEvents(
  count: number,
  overrides: Partial<ProposedEvent> = {},
): ProposedEvent[] {
  return Array.from({ length: count }, () => proposedEvent(overrides));
}

/** The envelope without its store-assigned global position, for exact comparison. */
export function withoutPosition(event: RecordedEvent): Omit<RecordedEvent, 'globalPosition'> {
  const { globalPosition: _position, ...rest } = event;
  return rest;
}

export const eventIds = (events: { eventId: string }[]): string[] => events.map((e) => e.eventId);
