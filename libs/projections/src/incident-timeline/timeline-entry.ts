import type { Actor, RecordedEvent } from '@blue-ledger/event-store';
import { summarizeEvent } from '../support/event-summary';
import { idsInvolved, type InvolvedIds } from '../support/ids-involved';

/** One event on an incident's timeline. */
export interface TimelineEntry {
  position: number;
  recordedAt: string;
  /** When it happened in the world, where the event says so. */
  occurredAt: string | null;
  type: string;
  streamId: string;
  actor: Actor;
  /** One line for a human reader. */
  summary: string;
  ids: InvolvedIds;
}

export function timelineEntryOf(event: RecordedEvent): TimelineEntry {
  return {
    position: Number(event.globalPosition),
    recordedAt: event.recordedAt,
    occurredAt: event.occurredAt ?? null,
    type: event.type,
    streamId: event.streamId,
    actor: { id: event.actor.id, role: event.actor.role },
    summary: summarizeEvent(event),
    ids: idsInvolved(event),
  };
}
