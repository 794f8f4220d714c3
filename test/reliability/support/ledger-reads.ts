import type { LedgerClient } from '../../support/http-client';
import type { EventEnvelope } from '../../support/ledger-views';

/** An event as `/audit` and `/streams/{id}` show it, with the data fields these tests look for. */
export type EnvelopeJson = Omit<EventEnvelope, 'data'> & { data: EventData };

/** Event data, with the fields these tests look for named. */
export type EventData = {
  [field: string]: unknown;
  incidentId?: string;
  evidenceId?: string;
  summary?: string;
  description?: string;
  changes?: { summary?: string };
};

/** An entry of `/incidents`, with the fields these tests look at. */
export interface IncidentListItem {
  incidentId: string;
  amendments: unknown[];
}

/** More pages than any of these tests can produce: a broken `next` cannot loop forever. */
const MAX_PAGES = 500;

async function readPages<T>(
  client: LedgerClient,
  path: string,
  field: 'events' | 'items',
): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const url: string =
      after === null ? path : `${path}${separator}after=${encodeURIComponent(after)}`;
    const response = await client.get<
      Record<typeof field, T[]> & { next?: string | number | null }
    >(url);
    if (response.status !== 200) {
      throw new Error(`GET ${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    all.push(...response.body[field]);
    if (response.body.next === null || response.body.next === undefined) return all;
    after = String(response.body.next);
  }
  throw new Error(`GET ${path} still had a next page after ${MAX_PAGES} pages`);
}

/** Every event in the global order, from the audit-trail read model (as the reviewer). */
export function readAuditTrail(client: LedgerClient): Promise<EnvelopeJson[]> {
  return readPages(client.as('reviewer'), '/audit?limit=1000', 'events');
}

/** One stream's events, read from the event store itself (as the reviewer). */
export function readStream(client: LedgerClient, streamId: string): Promise<EnvelopeJson[]> {
  return readPages(client.as('reviewer'), `/streams/${streamId}?limit=1000`, 'events');
}

/** Every item of a list endpoint (`{items, next}`), as the reviewer. */
export function readList<T = IncidentListItem>(client: LedgerClient, path: string): Promise<T[]> {
  const separator = path.includes('?') ? '&' : '?';
  return readPages(client.as('reviewer'), `${path}${separator}limit=1000`, 'items');
}

export async function headPosition(client: LedgerClient): Promise<number | null> {
  const response = await client.get('/health');
  if (response.status !== 200) throw new Error(`GET /health answered ${response.status}`);
  return response.body.headPosition;
}

/**
 * Waits until the audit trail has reached the store's head (bounded): a process whose
 * projections follow another process's appends catches up by polling the shared file.
 */
export async function auditTrailAtHead(
  client: LedgerClient,
  timeoutMs = 30_000, // a bound for a failing test only
): Promise<EnvelopeJson[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [head, events] = [await headPosition(client), await readAuditTrail(client)];
    const last = events.at(-1)?.globalPosition ?? null;
    if (last === head || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
