import { GENESIS_HASH, hashEvent } from '@blue-ledger/integrity';
import type { LedgerClient } from '../../support/http-client';
import { headPosition, readList, readStream, type EnvelopeJson } from './ledger-reads';

/**
 * What must hold of the whole audit trail after any crash or race, as a list of what does
 * not (empty when intact): no event twice, the embedded store's global order 1, 2, 3, ...
 * without a hole, every stream's revisions 0, 1, 2, ... in global order, each event's
 * `prevHash` the hash of the one before it in its stream, and each hash over its content.
 */
export function brokenInvariants(events: EnvelopeJson[]): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  const streamHeads = new Map<string, { revision: number; hash: string }>();
  events.forEach((event, index) => {
    const at = `position ${event.globalPosition} (${event.streamId}@${event.streamRevision})`;
    if (seenIds.has(event.eventId)) problems.push(`${at}: event ${event.eventId} appears twice`);
    seenIds.add(event.eventId);
    if (event.globalPosition !== index + 1) {
      problems.push(`${at}: expected global position ${index + 1}`);
    }
    const head = streamHeads.get(event.streamId);
    const expectedRevision = head ? head.revision + 1 : 0;
    if (event.streamRevision !== expectedRevision) {
      problems.push(`${at}: expected revision ${expectedRevision} of ${event.streamId}`);
    }
    const expectedPrevHash = head ? head.hash : GENESIS_HASH;
    if (event.prevHash !== expectedPrevHash) {
      problems.push(`${at}: prevHash ${event.prevHash} does not link to ${expectedPrevHash}`);
    }
    const recomputed = hashEvent({ ...event, streamRevision: BigInt(event.streamRevision) });
    if (event.hash !== recomputed)
      problems.push(`${at}: hash ${event.hash} is not over its content`);
    streamHeads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
  });
  return problems;
}

/**
 * Events stamped earlier than an event before them in the global order. One process stamps
 * `recordedAt` from a clock that never goes back, in the step that appends: none, so that the
 * record as known at any instant is a prefix of the global order.
 */
export function recordedOutOfOrder(events: EnvelopeJson[]): string[] {
  return events
    .filter(
      (event, i) => i > 0 && Date.parse(event.recordedAt) < Date.parse(events[i - 1].recordedAt),
    )
    .map(
      (event) =>
        `position ${event.globalPosition}: recorded at ${event.recordedAt}, before the event ahead of it`,
    );
}

export const eventsOfType = (events: EnvelopeJson[], type: string) =>
  events.filter((event) => event.type === type);

export function byStream(events: EnvelopeJson[]): Map<string, EnvelopeJson[]> {
  const streams = new Map<string, EnvelopeJson[]>();
  for (const event of events) {
    const stream = streams.get(event.streamId) ?? [];
    stream.push(event);
    streams.set(event.streamId, stream);
  }
  return streams;
}

/**
 * The read models hold exactly the events: the audit trail ends at the store's head, every
 * stream it shows is exactly the stream in the store, and the incidents list has one entry per
 * IncidentReported, with one amendment per IncidentAmended. Returns what does not hold.
 */
export async function readModelsBehindTheEvents(
  client: LedgerClient,
  events: EnvelopeJson[],
): Promise<string[]> {
  const problems: string[] = [];
  const head = await headPosition(client);
  const lastAudited = events.at(-1)?.globalPosition ?? null;
  if (head !== lastAudited)
    problems.push(`the store's head is ${head}, the audit trail ends at ${lastAudited}`);

  const streams = [...byStream(events)];
  const stored = await inBatches(streams, 8, ([streamId]) => readStream(client, streamId));
  streams.forEach(([streamId, audited], i) => {
    const inStore = stored[i].map(
      (event) => `${event.streamRevision}:${event.eventId}:${event.hash}`,
    );
    const inAudit = audited.map(
      (event) => `${event.streamRevision}:${event.eventId}:${event.hash}`,
    );
    if (JSON.stringify(inStore) !== JSON.stringify(inAudit)) {
      problems.push(
        `${streamId}: the store holds ${inStore.length} events, the audit trail ${inAudit.length}`,
      );
    }
  });

  const incidents = await readList(client, '/incidents');
  const listed = incidents.map((incident) => incident.incidentId).sort();
  const reported = eventsOfType(events, 'IncidentReported')
    .map((event) => event.data.incidentId)
    .sort();
  if (JSON.stringify(listed) !== JSON.stringify(reported)) {
    problems.push(
      `/incidents lists ${listed.length} incidents, the audit trail reports ${reported.length}`,
    );
  }
  const amendments = new Map<string, number>();
  for (const event of eventsOfType(events, 'IncidentAmended')) {
    const incidentId = event.streamId.replace(/^incident-/, '');
    amendments.set(incidentId, (amendments.get(incidentId) ?? 0) + 1);
  }
  for (const incident of incidents) {
    const expected = amendments.get(incident.incidentId) ?? 0;
    if (incident.amendments.length !== expected) {
      problems.push(
        `incident ${incident.incidentId} lists ${incident.amendments.length} amendments, not ${expected}`,
      );
    }
  }
  return problems;
}

/** Runs `task` over `items`, at most `width` at a time, keeping the order of the results. */
export async function inBatches<T, R>(
  items: T[],
  width: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map(task))));
  }
  return results;
}
