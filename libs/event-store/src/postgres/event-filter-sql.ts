import type { EventFilter } from '../event-store.port';

export interface SqlCondition {
  /** Empty when the filter lets every event through; otherwise starts with ` AND `. */
  sql: string;
  parameters: unknown[];
  /** Identifies the statement shape, for naming prepared statements. */
  shape: string;
}

/** A LIKE pattern matching ids that start with `prefix`, its `%`, `_` and `\` taken literally. */
export const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * The filter as SQL, its parameters numbered from `firstParameter`. Within a list any entry
 * may match; when both lists are given an event must match both. An empty list matches
 * nothing (`= ANY ('{}')` is false).
 */
export function filterCondition(
  filter: EventFilter | undefined,
  firstParameter: number,
): SqlCondition {
  const parts: string[] = [];
  const parameters: unknown[] = [];
  const shape: string[] = [];
  if (filter?.streamPrefixes) {
    parameters.push(filter.streamPrefixes.map(likePrefix));
    parts.push(`stream_id LIKE ANY ($${firstParameter + parameters.length - 1}::text[])`);
    shape.push('p');
  }
  if (filter?.eventTypes) {
    parameters.push(filter.eventTypes);
    parts.push(`type = ANY ($${firstParameter + parameters.length - 1}::text[])`);
    shape.push('t');
  }
  return {
    sql: parts.map((part) => ` AND ${part}`).join(''),
    parameters,
    shape: shape.join(''),
  };
}
