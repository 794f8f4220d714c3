import type {
  EventStoreDBClient,
  RecordedEvent as ClientRecordedEvent,
} from '@eventstore/db-client';
import type { ReadAllOptions, RecordedEvent } from '../event-store.port';
import { planAllStreamFilter } from './all-stream-filter';
import type { ServerSideFilter } from './all-stream-filter';
import { openAllStreamCall } from './all-stream-call';
import type { AllStreamStart } from './all-stream-call';
import { fromRecordedEvent } from './event-envelope';
import { toGlobalPosition, toServerPosition } from './global-position';

const UNLIMITED = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * $all in the port's terms. The server filters and counts; when part of the port's filter
 * stays on this side (both lists given, or an event of a system stream), a short page is
 * topped up with another read after its last event until maxCount matching events are found.
 *
 * A backward read from a position starts strictly before it on the server, so the event
 * exactly at the position, which the port includes, is fetched first with a forward read.
 */
export async function readAllEvents(
  client: EventStoreDBClient,
  options: ReadAllOptions = {},
): Promise<RecordedEvent[]> {
  const forwards = (options.direction ?? 'forwards') === 'forwards';
  const from = options.fromPosition ?? (forwards ? 'start' : 'end');
  const limit = options.maxCount === undefined ? UNLIMITED : BigInt(options.maxCount);
  const filter = planAllStreamFilter(options.filter);
  const found: RecordedEvent[] = [];
  if (filter.matchesNothing || limit <= 0n || (forwards && from === 'end')) return found;
  const take = (event: ClientRecordedEvent) => {
    if (filter.accepts(event) && BigInt(found.length) < limit) found.push(fromRecordedEvent(event));
  };

  if (!forwards && typeof from === 'bigint') {
    const [atPosition] = await readPage(client, toServerPosition(from), true, 1n, filter.server);
    if (atPosition !== undefined && toGlobalPosition(atPosition.position) === from)
      take(atPosition);
  }

  let cursor: AllStreamStart = typeof from === 'bigint' ? toServerPosition(from) : from;
  let alreadyTaken: bigint | undefined;
  for (;;) {
    const remaining = limit - BigInt(found.length);
    if (remaining <= 0n) return found;
    const requested = alreadyTaken === undefined ? remaining : remaining + 1n;
    const page = await readPage(client, cursor, forwards, requested, filter.server);
    for (const event of page) {
      if (alreadyTaken === undefined || toGlobalPosition(event.position) > alreadyTaken)
        take(event);
    }
    if (BigInt(page.length) < requested) return found;
    const last = toGlobalPosition(page[page.length - 1].position);
    cursor = toServerPosition(last);
    if (forwards) alreadyTaken = last;
  }
}

async function readPage(
  client: EventStoreDBClient,
  from: AllStreamStart,
  forwards: boolean,
  maxCount: bigint,
  filter: ServerSideFilter,
): Promise<ClientRecordedEvent[]> {
  const call = await openAllStreamCall(client, { kind: 'read', from, forwards, maxCount, filter });
  const events: ClientRecordedEvent[] = [];
  for await (const message of call.messages) {
    if (message.kind === 'event' && message.event.event) events.push(message.event.event);
  }
  return events;
}
