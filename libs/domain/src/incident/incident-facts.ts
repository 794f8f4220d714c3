import { INCIDENT_CATEGORIES, IncidentCategory, requireText, RuleViolation } from '../shared';
import { requireIsoInstant } from '../shared/time';
import type { Casualties, IncidentFacts, IncidentLocation } from './incident.events';

/** The facts of an incident: the only fields a report states and an amendment may change. */
export const INCIDENT_FACT_FIELDS = [
  'occurredAt',
  'location',
  'category',
  'summary',
  'casualties',
] as const satisfies readonly (keyof IncidentFacts)[];

const CASUALTY_COUNTS = [
  'civiliansKilled',
  'civiliansInjured',
  'peacekeepersKilled',
  'peacekeepersInjured',
] as const satisfies readonly (keyof Casualties)[];

/**
 * Checks the facts that are present and returns a clean copy of them (nested objects keep
 * only their known keys). `prefix` places the offending field, e.g. `changes.`.
 */
export function validFacts(facts: Partial<IncidentFacts>, prefix = ''): Partial<IncidentFacts> {
  const valid: Partial<IncidentFacts> = {};
  if (facts.occurredAt !== undefined) {
    valid.occurredAt = requireIsoInstant(facts.occurredAt, `${prefix}occurredAt`);
  }
  if (facts.location !== undefined) valid.location = validLocation(facts.location, prefix);
  if (facts.category !== undefined) valid.category = validCategory(facts.category, prefix);
  if (facts.summary !== undefined) {
    valid.summary = requireText(facts.summary, `${prefix}summary`);
  }
  if (facts.casualties !== undefined) {
    valid.casualties = validCasualties(facts.casualties, `${prefix}casualties`);
  }
  return valid;
}

/**
 * The changes that really alter `current`, as they will stand after the amendment. Casualty
 * counts are corrected one by one: counts not mentioned keep their value, so the emitted
 * `casualties` is the complete new set and each changed field simply replaces the old one.
 */
export function factsThatChange(
  current: IncidentFacts,
  changes: Partial<IncidentFacts>,
): Partial<IncidentFacts> {
  const candidate: Partial<IncidentFacts> = {
    ...changes,
    ...(changes.casualties && { casualties: { ...current.casualties, ...changes.casualties } }),
  };
  const changed: Partial<IncidentFacts> = {};
  for (const field of INCIDENT_FACT_FIELDS) {
    const value = candidate[field];
    if (value !== undefined && !sameValue(value, current[field])) {
      Object.assign(changed, { [field]: value });
    }
  }
  return changed;
}

export function applyChanges(facts: IncidentFacts, changes: Partial<IncidentFacts>): IncidentFacts {
  return { ...facts, ...changes };
}

function validLocation(location: IncidentLocation, prefix: string): IncidentLocation {
  const { name, latitude, longitude } = location ?? {};
  requireText(name, `${prefix}location.name`);
  requireInRange(latitude, -90, 90, `${prefix}location.latitude`);
  requireInRange(longitude, -180, 180, `${prefix}location.longitude`);
  return {
    name,
    ...(latitude === undefined ? {} : { latitude }),
    ...(longitude === undefined ? {} : { longitude }),
  };
}

function validCategory(category: IncidentCategory, prefix: string): IncidentCategory {
  if (!INCIDENT_CATEGORIES.includes(category)) {
    throw new RuleViolation(
      'not_in_vocabulary',
      `category must be one of ${INCIDENT_CATEGORIES.join(', ')}`,
      `${prefix}category`,
    );
  }
  return category;
}

function validCasualties(casualties: Casualties, field: string): Casualties {
  const valid: Casualties = {};
  for (const count of CASUALTY_COUNTS) {
    const value = casualties?.[count];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RuleViolation(
        'invalid_count',
        `${field}.${count} must be a non-negative integer`,
        `${field}.${count}`,
      );
    }
    valid[count] = value;
  }
  return valid;
}

function requireInRange(value: number | undefined, min: number, max: number, field: string) {
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new RuleViolation(
      'invalid_coordinate',
      `${field} must be between ${min} and ${max}`,
      field,
    );
  }
}

/** Equality of fact values: strings, and flat records in which an absent key equals undefined. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => left[key] === right[key]);
}
