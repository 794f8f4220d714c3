import { requireCountryCode, requireText, RuleViolation } from '../shared';
import { requireIsoInstant } from '../shared/time';
import type { AppointNationalInvestigator, OpenInvestigationState } from './investigation.decider';
import type { NationalInvestigatorAppointed } from './investigation.events';

/**
 * A national investigation officer is appointed to a national investigation, by its
 * contributing country: the first appointment says whose investigation it is, and a
 * replacement officer is of the same country. The officer is a subject id, where the country
 * named one; personal details only under it.
 */
export function decideAppointNationalInvestigator(
  { data }: AppointNationalInvestigator,
  state: OpenInvestigationState,
): [NationalInvestigatorAppointed] {
  const { country, appointedAt, subjectId, subjectDetails } = data;
  if (state.kind !== 'national_investigation') {
    throw new RuleViolation(
      'not_a_national_investigation',
      `national investigation officers are appointed to a national_investigation, not to a ${state.kind}`,
    );
  }
  requireCountryCode(country, 'country');
  const first = state.nationalInvestigators[0];
  if (first !== undefined && first.country !== country) {
    throw new RuleViolation(
      'national_investigation_of_other_country',
      `this is ${first.country}'s national investigation`,
      'country',
    );
  }
  requireIsoInstant(appointedAt, 'appointedAt');
  if (subjectId !== undefined) {
    requireText(subjectId, 'subjectId');
    if (state.nationalInvestigators.some((officer) => officer.subjectId === subjectId)) {
      throw new RuleViolation(
        'national_investigator_already_appointed',
        `${subjectId} is already appointed to this investigation`,
        'subjectId',
      );
    }
  }
  if (subjectDetails !== undefined && subjectId === undefined) {
    throw new RuleViolation(
      'subject_required',
      "an officer's details can only be recorded under a subject id",
      'subjectId',
    );
  }
  return [
    {
      type: 'NationalInvestigatorAppointed',
      occurredAt: appointedAt,
      data: {
        investigationId: state.investigationId,
        country,
        appointedAt,
        ...(subjectId === undefined ? {} : { subjectId }),
        ...(subjectId === undefined || subjectDetails === undefined
          ? {}
          : { personal: { [subjectId]: subjectDetails } }),
      },
    },
  ];
}
