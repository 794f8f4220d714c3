import { RuleViolation } from './errors';

/**
 * The checks every decider makes of its input. The API validates the same at the edge; the
 * deciders check again because they are the rules, whoever calls them.
 */

/** A required free text: present and not blank. */
export function requireText(
  value: string | undefined,
  field: string,
  code = 'text_required',
): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new RuleViolation(code, `${field} must not be blank`, field);
  }
  return value;
}

/** A value from one of the domain's vocabularies; anything else would be stored forever. */
export function requireOneOf<T extends string>(
  value: T | undefined,
  allowed: readonly T[],
  field: string,
): T {
  if (value === undefined || !allowed.includes(value)) {
    throw new RuleViolation(
      'not_in_vocabulary',
      `${field} must be one of ${allowed.join(', ')}`,
      field,
    );
  }
  return value;
}

export function requireCountryCode(value: string | undefined, field: string): string {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
    throw new RuleViolation(
      'invalid_country',
      `${field} must be an ISO 3166-1 alpha-3 code`,
      field,
    );
  }
  return value;
}

export function requireCount(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RuleViolation('invalid_count', `${field} must be a non-negative integer`, field);
  }
  return value;
}

/** A list of ids in which every id is given once; `emptyCode` when the list may not be empty. */
export function requireDistinctIds(
  ids: readonly string[],
  field: string,
  emptyCode?: string,
): void {
  if (emptyCode !== undefined && ids.length === 0) {
    throw new RuleViolation(emptyCode, `${field} must name at least one`, field);
  }
  ids.forEach((id, index) => requireText(id, `${field}[${index}]`, 'blank_id'));
  if (new Set(ids).size !== ids.length) {
    throw new RuleViolation('duplicate_id', `${field} names the same id twice`, field);
  }
}
