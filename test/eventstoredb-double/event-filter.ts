import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './transaction-log';

export type EventPredicate = (event: StoredEvent) => boolean;

export interface ServerFilter {
  matches: EventPredicate;
  /** Events considered between two checkpoints of a filtered subscription. */
  checkpointInterval: number;
}

/** The server's default search window when the client asks for `count` instead of `max`. */
const DEFAULT_MAX_SEARCH_WINDOW = 32;

/**
 * A filter as the server builds it (Streams.Read ConvertToEventFilter): on the stream name or
 * on the event type, by regular expression when one is given, otherwise by prefixes.
 */
export function serverFilter(options: ReadReq.Options): ServerFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (expression === undefined) throw new Error('filter without an expression');
  const field = (event: StoredEvent) => (onStream ? event.streamId : event.type);
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  const test =
    regex !== ''
      ? (
          (pattern: RegExp) => (value: string) =>
            pattern.test(value)
        )(new RegExp(regex))
      : (value: string) => prefixes.some((prefix) => value.startsWith(prefix));
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  return {
    matches: (event) => test(field(event)),
    checkpointInterval: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
  };
}
