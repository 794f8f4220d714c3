/**
 * How much structure one request body may hold. Checked token by token while the body is read,
 * before any value is built or walked: a body past a limit is refused with a 400 that names the
 * limit and where it was passed. Every command body of the API fits well inside them (the
 * largest, an incident with 200 subjects of 30 details each, holds about 13,000 values).
 */
export interface JsonLimits {
  /** Nesting of objects and arrays. */
  depth: number;
  /** Members of one object. */
  members: number;
  /** Items of one array (no field of the API takes more than 200). */
  items: number;
  /** Values in the whole body: objects, arrays, strings, numbers, literals. */
  values: number;
}

export const JSON_LIMITS: JsonLimits = {
  depth: 32,
  members: 100,
  items: 1000,
  values: 20_000,
};

/** Member names that would reach an object's prototype when copied by assignment. */
export const RESERVED_MEMBER_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
