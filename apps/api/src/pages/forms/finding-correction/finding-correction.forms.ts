import { FINDING_CATEGORIES, SEVERITIES } from '@blue-ledger/domain';
import { ReviseFindingDto } from '../../../investigations/investigation.dto';
import { ProblemException } from '../../../problems/problem.exception';
import { ReasonDto } from '../../../shared-dto/reason.dto';
import { format } from '../../rendering/format';
import { REASON_FIELD, unitChoices, vocabulary } from '../machinery/choices';
import { defineForm, type AsideBlock, type FormLoad } from '../machinery/form-definition';
import { investigationScene } from '../machinery/investigation-scene';
import { findingTargets } from '../machinery/investigation-targets';
import { attributionSections } from '../finding-record/finding-record.form';

/** The finding as it stands, beside the form that corrects it. */
async function findingScene(context: FormLoad) {
  const scene = await investigationScene(context);
  const finding = scene.investigation.findings[context.params.finding];
  if (!finding) {
    throw new ProblemException(
      404,
      'finding_not_found',
      `No finding ${context.params.finding} in this investigation.`,
    );
  }
  const aside: AsideBlock[] = [
    {
      heading: 'The finding as it stands',
      facts: [
        { term: 'Statement', value: finding.statement },
        { term: 'Category', value: format.label(finding.category) },
        { term: 'Severity', value: format.label(finding.severity) },
        {
          term: 'Attributed to',
          value: finding.attributions.map((a) => format.label(a.level)).join('; '),
        },
      ],
      list: finding.contextFactors?.map((c) => `Context: ${c}`),
    },
  ];
  return { ...scene, finding, aside };
}

/** Investigator: revise a finding, with a reason (FindingRevised). */
export const findingReviseForm = defineForm({
  id: 'finding-revise',
  title: 'Revise a finding',
  apiRoute: 'POST /investigations/:id/findings/:findingId/revisions',
  dto: ReviseFindingDto,
  params: ['investigation', 'finding'],
  targets: findingTargets,
  async load(context) {
    const { units, appointments, record, stream, aside } = await findingScene(context);
    return {
      record,
      stream,
      aside,
      intro:
        'Give only what changes; leave the rest empty. Attributions and context factors, when given, replace the earlier ones whole.',
      submitLabel: 'Revise the finding',
      sections: [
        {
          fields: [
            { name: 'changes.statement', label: 'Statement', kind: 'textarea', optional: true },
            {
              name: 'changes.category',
              label: 'Category',
              kind: 'select',
              optional: true,
              choices: vocabulary(FINDING_CATEGORIES),
            },
            {
              name: 'changes.severity',
              label: 'Severity',
              kind: 'select',
              optional: true,
              choices: vocabulary(SEVERITIES),
            },
          ],
        },
        ...attributionSections(unitChoices(units), 'changes.attributions', appointments).map(
          (s) => ({
            ...s,
            fields: s.fields.map((f) => ({ ...f, optional: true })),
          }),
        ),
        {
          fields: [
            {
              name: 'changes.contextFactors',
              label: 'Context factors',
              kind: 'lines',
              optional: true,
            },
            { name: 'reason', label: 'Reason for the revision', kind: 'textarea' },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.reviseFinding(params.investigation, params.finding, dto, context),
});

/** Investigator: withdraw a finding, with a reason (FindingWithdrawn). */
export const findingWithdrawForm = defineForm({
  id: 'finding-withdraw',
  title: 'Withdraw a finding',
  apiRoute: 'POST /investigations/:id/findings/:findingId/withdrawal',
  dto: ReasonDto,
  params: ['investigation', 'finding'],
  targets: findingTargets,
  async load(context) {
    const { record, stream, aside } = await findingScene(context);
    return {
      record,
      stream,
      aside,
      intro:
        'A withdrawn finding stays in the record, struck through, with the reason; no unit may be named on it alone.',
      submitLabel: 'Withdraw the finding',
      sections: [{ fields: [REASON_FIELD] }],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.withdrawFinding(params.investigation, params.finding, dto, context),
});
