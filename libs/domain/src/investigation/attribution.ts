import type { Attribution } from './investigation.events';
import { ATTRIBUTION_LEVELS, AttributionLevel, RuleViolation } from '../shared';
import { requireOneOf, requireText } from '../shared';

const COUNTRY_ALPHA3 = /^[A-Z]{3}$/;

/** The field an attribution at each level must carry to say to whom it points. */
const TARGET_OF_LEVEL: Partial<
  Record<AttributionLevel, 'contingentId' | 'role' | 'country' | 'component'>
> = {
  unit: 'contingentId',
  role: 'role',
  member_state: 'country',
  mission_component: 'component',
};

/** A finding is attributed to at least one level, and each attribution says to whom. */
export function validateAttributions(attributions: readonly Attribution[] | undefined): void {
  if (!Array.isArray(attributions) || attributions.length === 0) {
    throw new RuleViolation(
      'attribution_required',
      'a finding must be attributed to at least one level',
      'attributions',
    );
  }
  attributions.forEach((attribution, index) =>
    validateAttribution(attribution, `attributions[${index}]`),
  );
}

function validateAttribution(attribution: Attribution, path: string): void {
  requireOneOf(attribution.level, ATTRIBUTION_LEVELS, `${path}.level`);
  const target = TARGET_OF_LEVEL[attribution.level];
  if (target !== undefined) {
    requireText(attribution[target], `${path}.${target}`, 'attribution_incomplete');
  }
  if (attribution.appointmentId !== undefined) {
    if (attribution.level !== 'role') {
      throw new RuleViolation(
        'appointment_only_for_role',
        'an appointment is named only by an attribution to a role',
        `${path}.appointmentId`,
      );
    }
    requireText(attribution.appointmentId, `${path}.appointmentId`);
  }
  if (attribution.country !== undefined && !COUNTRY_ALPHA3.test(attribution.country)) {
    throw new RuleViolation(
      'invalid_country',
      'a country is an ISO 3166-1 alpha-3 code, e.g. NPL',
      `${path}.country`,
    );
  }
}

/** The appointments of mission leaders a finding names. */
export const appointmentsNamed = (finding: { attributions: readonly Attribution[] }): string[] => [
  ...new Set(
    finding.attributions.flatMap((a) =>
      a.level === 'role' && a.appointmentId !== undefined ? [a.appointmentId] : [],
    ),
  ),
];

export function isAttributedToUnit(
  finding: { attributions: readonly Attribution[] },
  contingentId: string,
): boolean {
  return finding.attributions.some(
    (attribution) => attribution.level === 'unit' && attribution.contingentId === contingentId,
  );
}
