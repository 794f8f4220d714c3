import { SUBJECT_ROLES } from '@blue-ledger/domain';
import { vocabulary } from './choices';
import type { Section } from './form-definition';

/**
 * Rows for the people a record names (the API's `subjects`, `SubjectDto`): a subject id of the
 * writer's choosing, its role, and personal details kept apart, sealed under the subject's own
 * key. Shared by every form whose API body takes subjects (incident report, evidence).
 */
export const subjectRows = (rows: number, hint: string): Section[] =>
  Array.from({ length: rows }, (_, i) => ({
    legend: `Person concerned ${i + 1}`,
    hint: i === 0 ? hint : undefined,
    fields: [
      { name: `subjects[${i}].subjectId`, label: 'Subject id', kind: 'text', optional: true },
      {
        name: `subjects[${i}].role`,
        label: 'Role',
        kind: 'select',
        choices: vocabulary(SUBJECT_ROLES),
        optional: true,
      },
      {
        name: `subjects[${i}].details.name`,
        label: 'Name (personal detail)',
        kind: 'text',
        optional: true,
      },
      {
        name: `subjects[${i}].details.notes`,
        label: 'Other details (personal)',
        kind: 'textarea',
        optional: true,
      },
    ],
  }));
