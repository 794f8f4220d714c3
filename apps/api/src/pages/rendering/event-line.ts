import { summarizeEvent } from '@blue-ledger/projections';
import type { RecordedEvent } from '@blue-ledger/event-store';

/** An event envelope as the JSON answers carry it (positions as numbers). */
export interface EnvelopeView {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamRevision: number;
  globalPosition: number;
  recordedAt: string;
  occurredAt?: string;
  actor: { id: string; role: string };
  correlationId: string;
  causationId: string;
  data: Record<string, unknown>;
  personal?: unknown;
  prevHash: string;
  hash: string;
}

/** The one-line account of an event the timelines use, from the envelope as the reader sees it. */
export function eventLine(event: EnvelopeView): string {
  try {
    return summarizeEvent({
      ...event,
      streamRevision: BigInt(event.streamRevision),
      globalPosition: BigInt(event.globalPosition),
    } as RecordedEvent);
  } catch {
    return event.type;
  }
}

/** `incident-0190…` → its kind and id, for links and labels. */
export function streamParts(streamId: string): { kind: string; id: string } {
  const at = streamId.indexOf('-');
  return at < 0
    ? { kind: streamId, id: '' }
    : { kind: streamId.slice(0, at), id: streamId.slice(at + 1) };
}
