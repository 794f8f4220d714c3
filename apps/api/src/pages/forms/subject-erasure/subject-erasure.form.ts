import { isRecordedSubjectId, SUBJECT_ID_RULE } from '@blue-ledger/access';
import { ReasonDto } from '../../../shared-dto/reason.dto';
import { defineForm } from '../machinery/form-definition';

/**
 * Admin: erase a data subject (`POST /subjects/:subjectId/erasure`, SubjectErased in the
 * subject's stream, then its key destroyed). The pages show no subject ids (personal details
 * are redacted there), so the id is typed, from the case file or the JSON API; the erasure
 * cannot be undone, so it is confirmed by a tick stating so. The receipt says what was erased.
 */
export const subjectErasureForm = defineForm({
  id: 'subject-erasure',
  title: 'Erase a data subject',
  apiRoute: 'POST /subjects/:subjectId/erasure',
  dto: ReasonDto,
  params: [],
  pageFields: [
    {
      name: 'subjectId',
      check: (value) =>
        value === undefined
          ? 'must name the subject to erase'
          : isRecordedSubjectId(value)
            ? undefined
            : `must be ${SUBJECT_ID_RULE}`,
    },
    {
      name: 'irreversible',
      check: (value) =>
        value === 'true' ? undefined : 'must be ticked: an erasure cannot be undone',
    },
  ],
  async load() {
    return {
      record: { label: 'the ledger', href: '/ui' },
      intro:
        'The personal details of one subject are erased from every record that names it: the key they are sealed under is destroyed, so every page, export and answer of the API shows them erased. The events, their hashes and the proofs stay; who erased, when and why is recorded.',
      submitLabel: 'Erase the subject, irreversibly',
      sections: [
        {
          fields: [
            {
              name: 'subjectId',
              label: 'Subject id',
              kind: 'text',
              hint: 'As recorded on the incident or the evidence (the pages do not show it): from the case file, or from the JSON API to a reader with a need to know.',
            },
            {
              name: 'reason',
              label: 'Reason',
              kind: 'textarea',
              hint: 'The request or the rule that calls for the erasure; kept in the ledger with who erased and when.',
            },
            {
              name: 'irreversible',
              label:
                'I understand that this erasure is irreversible: the details cannot be read again, by anyone, ever.',
              kind: 'boolean',
            },
          ],
        },
      ],
    };
  },
  submit: async (api, dto, context, params) => {
    const erased = await api.subjects.erase(params.subjectId, dto, context);
    return {
      id: erased.subjectId,
      streamId: erased.streamId,
      revision: erased.revision,
      position: erased.position,
    };
  },
});
