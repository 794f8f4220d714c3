import { RuleViolation } from '../shared';

/** A required free text: present and not blank. */
export function requireText(value: string | undefined, field: string, code = `${field}_required`) {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new RuleViolation(code, `${field} must be given`, field);
  }
}

/** A value from one of the domain's vocabularies; anything else would be stored forever. */
export function requireOneOf<T extends string>(
  value: T | undefined,
  allowed: readonly T[],
  field: string,
): void {
  if (value === undefined || !allowed.includes(value)) {
    throw new RuleViolation(
      'not_in_vocabulary',
      `${field} must be one of ${allowed.join(', ')}`,
      field,
    );
  }
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
