import type { EventFilter } from '../event-store.port';

/** What EventStoreDB filters on the server: one field, by prefixes or by a regular expression. */
export type ServerSideFilter =
  { on: 'stream'; prefixes: string[] } | { on: 'eventType'; regex: string };

export interface AllStreamFilter {
  server: ServerSideFilter;
  /** The rest, checked here: the port's second list, if both were given, and system events. */
  accepts(event: { streamId: string; type: string }): boolean;
  /** An empty list in the port's filter matches nothing. */
  matchesNothing: boolean;
}

/** The server's own events: streams and event types starting with `$`. The port never shows them. */
export const isSystemEvent = (event: { streamId: string; type: string }): boolean =>
  event.streamId.startsWith('$') || event.type.startsWith('$');

/** .NET regular expressions need the same escapes as JavaScript's for these characters. */
const escapeRegex = (text: string): string => text.replace(/[\\^$.|?*+()[\]{}#\s]/g, '\\$&');

/**
 * Splits the port's filter between the server and this adapter. Stream prefixes go to the
 * server when given (the narrower cut for this ledger's streams), otherwise the exact event
 * types as an anchored alternation; with no filter the server drops event types starting
 * with `$`, as the client's `excludeSystemEvents()` does.
 */
export function planAllStreamFilter(filter: EventFilter | undefined): AllStreamFilter {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes;
  const matchesNothing = prefixes?.length === 0 || types?.length === 0;
  const typeAllowed = (type: string) => types === undefined || types.includes(type);
  const prefixAllowed = (streamId: string) =>
    prefixes === undefined || prefixes.some((prefix) => streamId.startsWith(prefix));
  const server: ServerSideFilter =
    prefixes !== undefined && prefixes.length > 0
      ? { on: 'stream', prefixes }
      : types !== undefined && types.length > 0
        ? { on: 'eventType', regex: `^(?:${types.map(escapeRegex).join('|')})$` }
        : { on: 'eventType', regex: '^[^$]' };
  return {
    server,
    matchesNothing,
    accepts: (event) =>
      !matchesNothing &&
      !isSystemEvent(event) &&
      prefixAllowed(event.streamId) &&
      typeAllowed(event.type),
  };
}
