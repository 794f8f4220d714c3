import type { EventFilter } from '../event-store.port';

export interface SqlCondition {
  /** Empty when the filter lets every event through; otherwise starts with ` AND `. */
  sql: string;
  parameters: string[];
  /** Identifies the statement shape, for caching prepared statements. */
  shape: string;
}

/** GLOB is case-sensitive and byte-exact; `*`, `?` and `[` become literal inside brackets. */
const globPrefix = (prefix: string): string => `${prefix.replace(/[*?[]/g, '[$&]')}*`;

const anyOf = (clauses: string[]): string => (clauses.length === 0 ? '0' : clauses.join(' OR '));

/**
 * The filter as SQL. Within a list any entry may match; when both lists are given an event
 * must match both. An empty list matches nothing.
 */
export function filterCondition(filter: EventFilter | undefined): SqlCondition {
  const parts: string[] = [];
  const parameters: string[] = [];
  const shape: string[] = [];
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes;
  if (prefixes) {
    parts.push(`(${anyOf(prefixes.map(() => 'stream_id GLOB ?'))})`);
    parameters.push(...prefixes.map(globPrefix));
    shape.push(`p${prefixes.length}`);
  }
  if (types) {
    parts.push(types.length === 0 ? '0' : `type IN (${types.map(() => '?').join(', ')})`);
    parameters.push(...types);
    shape.push(`t${types.length}`);
  }
  return {
    sql: parts.map((part) => ` AND ${part}`).join(''),
    parameters,
    shape: shape.join(','),
  };
}
