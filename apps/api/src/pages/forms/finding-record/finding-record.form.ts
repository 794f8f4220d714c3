import { ATTRIBUTION_LEVELS, FINDING_CATEGORIES, SEVERITIES } from '@blue-ledger/domain';
import { RecordFindingDto } from '../../../investigations/investigation.dto';
import { unitChoices, vocabulary } from '../machinery/choices';
import { defineForm, type Choice, type Section } from '../machinery/form-definition';
import { investigationScene } from '../machinery/investigation-scene';
import { investigationTargets } from '../machinery/investigation-targets';

const ATTRIBUTION_ROWS = 4;

/** The attribution rows of a finding: a level, and what that level needs. */
export function attributionSections(
  units: Choice[],
  prefix = 'attributions',
  appointments: Choice[] = [],
): Section[] {
  return Array.from({ length: ATTRIBUTION_ROWS }, (_, i) => ({
    legend: `Attribution ${i + 1}`,
    hint:
      i === 0
        ? 'To whom the finding is attributed, at which level. A unit: choose it. A role: e.g. battalion_commander, force_commander; a mission leader’s role may name the appointment of who held it. A mission component: e.g. military, police, civilian. A member state: its ISO 3166-1 alpha-3 code. Leave the rows you do not need empty.'
        : undefined,
    fields: [
      {
        name: `${prefix}[${i}].level`,
        label: 'Level',
        kind: 'select',
        choices: vocabulary(ATTRIBUTION_LEVELS),
        optional: i > 0,
      },
      {
        name: `${prefix}[${i}].contingentId`,
        label: 'Unit',
        kind: 'select',
        choices: units,
        optional: true,
      },
      { name: `${prefix}[${i}].role`, label: 'Role', kind: 'text', optional: true },
      {
        name: `${prefix}[${i}].appointmentId`,
        label: 'Mission leader (with a role)',
        kind: 'select',
        choices: appointments,
        optional: true,
      },
      {
        name: `${prefix}[${i}].component`,
        label: 'Mission component',
        kind: 'text',
        optional: true,
      },
      { name: `${prefix}[${i}].country`, label: 'Member state', kind: 'text', optional: true },
    ],
  }));
}

/** Investigator: record a finding with its attributions and context factors. */
export const findingRecordForm = defineForm({
  id: 'finding-record',
  title: 'Record a finding',
  apiRoute: 'POST /investigations/:id/findings',
  dto: RecordFindingDto,
  params: ['investigation'],
  targets: investigationTargets,
  async load(context) {
    const { investigation, units, appointments, record, stream } =
      await investigationScene(context);
    const evidence = Object.values(investigation.evidence).map((e) => ({
      value: e.evidenceId,
      label: `${e.kind}: ${e.evidenceId.slice(0, 8)}… (custodian ${e.custodian})`,
    }));
    return {
      record,
      stream,
      intro:
        'A conclusion of the investigation, attributed across levels, judged against its context.',
      submitLabel: 'Record the finding',
      sections: [
        {
          fields: [
            { name: 'statement', label: 'Statement', kind: 'textarea' },
            {
              name: 'category',
              label: 'Category',
              kind: 'select',
              choices: vocabulary(FINDING_CATEGORIES),
            },
            {
              name: 'severity',
              label: 'Severity',
              kind: 'select',
              choices: vocabulary(SEVERITIES),
            },
          ],
        },
        ...attributionSections(unitChoices(units), 'attributions', appointments),
        {
          fields: [
            {
              name: 'contextFactors',
              label: 'Context factors',
              kind: 'lines',
              optional: true,
              hint: 'One a line: the resources and mandate the performance must be judged against (e.g. "54 peacekeepers guarding a camp of 20,000").',
            },
            {
              name: 'evidenceIds',
              label: 'Evidence it rests on',
              kind: 'checkboxes',
              optional: true,
              choices: evidence,
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.recordFinding(params.investigation, dto, context),
});
