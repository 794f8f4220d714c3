import { WITHDRAWAL_BY } from '@blue-ledger/domain';
import { ReturnContingentDto, WithdrawContingentDto } from '../../../contingents/contingent.dto';
import { format } from '../../rendering/format';
import { INSTANT_HINT, REASON_FIELD, unitChoices, vocabulary } from '../machinery/choices';
import { defineForm, type FormLoad } from '../machinery/form-definition';

/** The unit the form acts on, its stream (written with If-Match) and where it stands. */
async function unitScene({ request, lookups, params }: FormLoad) {
  const unit = await lookups.contingent(request, params.contingent);
  const gone = unit.presence.status !== 'deployed';
  return {
    record: {
      label: `${unit.designation} (${unit.country})`,
      href: `/ui/contingents/${unit.contingentId}`,
    },
    stream: { id: `contingent-${unit.contingentId}`, revision: unit.revision },
    aside: [
      {
        heading: 'Where the unit stands',
        facts: [
          { term: 'Mission', value: unit.missionCode },
          { term: 'Status', value: format.label(unit.presence.status) },
          ...(unit.presence.since
            ? [{ term: 'Since', value: format.date(unit.presence.since) }]
            : []),
          ...(gone && unit.presence.reason ? [{ term: 'Why', value: unit.presence.reason }] : []),
        ],
      },
    ],
  };
}

/** The units in this presence status now, as the records of a form. */
async function unitsWhere(
  { request, reads, lookups }: Omit<FormLoad, 'params'>,
  deployed: boolean,
) {
  const units = await lookups.unitStates(reads, request);
  const wanted = units.filter((u) => (u.presence.status === 'deployed') === deployed);
  return unitChoices(wanted).map((u) => ({
    label: u.label,
    params: { contingent: u.value },
  }));
}

/** Admin: the unit left its mission, withdrawn by its country or by the UN (ContingentWithdrawn). */
export const contingentWithdrawalForm = defineForm({
  id: 'contingent-withdrawal',
  title: 'Record a withdrawal',
  apiRoute: 'POST /contingents/:id/withdrawal',
  dto: WithdrawContingentDto,
  params: ['contingent'],
  targets: (context) => unitsWhere(context, true),
  async load(context) {
    return {
      ...(await unitScene(context)),
      intro:
        'A country may withdraw its unit in protest or at the end of a deployment. A repatriation decided by the UN is recorded when the decision is carried out.',
      submitLabel: 'Record the withdrawal',
      sections: [
        {
          fields: [
            { name: 'at', label: 'Withdrawn at', kind: 'instant', hint: INSTANT_HINT },
            { name: 'by', label: 'By', kind: 'select', choices: vocabulary(WITHDRAWAL_BY) },
            REASON_FIELD,
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) => api.contingents.withdraw(params.contingent, dto, context),
});

/** Admin: a withdrawn unit came back (ContingentReturned). */
export const contingentReturnForm = defineForm({
  id: 'contingent-return',
  title: 'Record a return',
  apiRoute: 'POST /contingents/:id/return',
  dto: ReturnContingentDto,
  params: ['contingent'],
  targets: (context) => unitsWhere(context, false),
  async load(context) {
    return {
      ...(await unitScene(context)),
      intro: 'The same unit for accountability: its history goes on.',
      submitLabel: 'Record the return',
      sections: [
        {
          fields: [
            { name: 'at', label: 'Returned at', kind: 'instant', hint: INSTANT_HINT },
            {
              name: 'strength',
              label: 'Strength',
              kind: 'count',
              optional: true,
              hint: 'Empty: the strength it left with.',
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) => api.contingents.returnTo(params.contingent, dto, context),
});
