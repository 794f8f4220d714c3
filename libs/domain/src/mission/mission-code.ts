import { RuleViolation } from '../shared';

/** A mission's natural code, e.g. UNMISS or MINUSCA: it names the stream, so it is strict. */
export const MISSION_CODE = /^[A-Z0-9-]{2,20}$/;

export function requireMissionCode(value: string, field: string): string {
  if (typeof value !== 'string' || !MISSION_CODE.test(value)) {
    throw new RuleViolation(
      'invalid_mission_code',
      `${field} must be 2 to 20 upper-case letters, digits or hyphens, e.g. UNMISS`,
      field,
    );
  }
  return value;
}
