import type { Actor, RecordedEvent } from '@blue-ledger/event-store';
import { summarizeEvent } from '../support/event-summary';
import { idsInvolved, type InvolvedIds } from '../support/ids-involved';
import type { Change } from './corrections';

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
  /**
   * Corrections and changes of status only (an amendment, a revision, a withdrawal, a custody
   * transfer, units linked, a closing or reopening, a decision implemented, reversed or
   * lapsed): each field it set, with its value before and after.
   */
  changes?: Change[];
  /** With `changes`: the reason the event gives, or null when it gives none. */
  reason?: string | null;
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
