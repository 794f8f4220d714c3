import { TransferCustodyDto } from '../../../investigations/investigation.dto';
import { ProblemException } from '../../../problems/problem.exception';
import { INSTANT_HINT, REASON_FIELD } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import { investigationScene } from '../machinery/investigation-scene';
import { evidenceTargets } from '../machinery/investigation-targets';

/** Investigator: transfer custody of evidence (EvidenceCustodyTransferred). */
export const custodyTransferForm = defineForm({
  id: 'custody-transfer',
  title: 'Transfer custody of evidence',
  apiRoute: 'POST /investigations/:id/evidence/:evidenceId/custody',
  dto: TransferCustodyDto,
  params: ['investigation', 'evidence'],
  targets: evidenceTargets,
  async load(context) {
    const { investigation, record, stream } = await investigationScene(context);
    const evidence = investigation.evidence[context.params.evidence];
    if (!evidence) {
      throw new ProblemException(
        404,
        'evidence_not_found',
        `No evidence ${context.params.evidence} in this investigation.`,
      );
    }
    return {
      record,
      stream,
      aside: [
        {
          heading: 'The evidence',
          facts: [
            { term: 'Kind', value: evidence.kind },
            { term: 'Custodian now', value: evidence.custodian },
          ],
        },
      ],
      submitLabel: 'Transfer custody',
      sections: [
        {
          fields: [
            { name: 'toCustodian', label: 'New custodian', kind: 'text' },
            { name: 'transferredAt', label: 'Transferred at', kind: 'instant', hint: INSTANT_HINT },
            REASON_FIELD,
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.transfer(params.investigation, params.evidence, dto, context),
});
