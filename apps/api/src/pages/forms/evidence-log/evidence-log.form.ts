import { EVIDENCE_KINDS } from '@blue-ledger/domain';
import { LogEvidenceDto } from '../../../investigations/investigation.dto';
import { vocabulary } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import { investigationScene } from '../machinery/investigation-scene';
import { investigationTargets } from '../machinery/investigation-targets';
import { subjectRows } from '../machinery/subject-rows';

/**
 * Investigator: log evidence. The ledger keeps the artefact's SHA-256 and its custody, never
 * the file: the browser computes the hash of a chosen file locally (WebCrypto, forms.js) and
 * sends only the hash; with JavaScript off, the hash is typed (e.g. from `sha256sum`). The people
 * it names are rows as on the incident report (the API's `subjects`, personal details sealed).
 */
export const evidenceLogForm = defineForm({
  id: 'evidence-log',
  title: 'Log evidence',
  apiRoute: 'POST /investigations/:id/evidence',
  dto: LogEvidenceDto,
  params: ['investigation'],
  targets: investigationTargets,
  async load(context) {
    const { record, stream } = await investigationScene(context);
    return {
      record,
      stream,
      intro:
        'The ledger keeps the fingerprint of the artefact and its chain of custody, not the file.',
      submitLabel: 'Log the evidence',
      sections: [
        {
          fields: [
            { name: 'kind', label: 'Kind', kind: 'select', choices: vocabulary(EVIDENCE_KINDS) },
            { name: 'description', label: 'Description', kind: 'textarea' },
            {
              name: 'sha256',
              label: 'SHA-256 of the artefact',
              kind: 'sha256',
              hint: '64 hexadecimal characters, as the command sha256sum prints them.',
            },
            {
              name: 'custodian',
              label: 'Custodian',
              kind: 'text',
              hint: 'Who holds the artefact now, and where.',
            },
          ],
        },
        ...subjectRows(
          2,
          'The people this evidence names or shows (a witness statement, a photograph): a subject id, the same as on the incident when it is the same person, and a role; the details are kept apart, encrypted, and shown only to those with a need to know.',
        ),
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.logEvidence(params.investigation, dto, context),
});
