import { LEADER_OUTCOMES } from '@blue-ledger/domain';
import { DecideRepatriationDto } from '../../../decisions/decision.dto';
import { vocabulary } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import {
  decisionFields,
  decisionTargets,
  recommendationScene,
} from '../machinery/recommendation-scene';

/**
 * Decision authority: decide on a recommendation about a mission leader (RepatriationDecided
 * with scope `leader`): relieve, retain or defer, naming the appointment. Retaining or deferring
 * against a recommendation to relieve must say why (the API's rule, refused beside its field).
 */
export const leaderDecisionForm = defineForm({
  id: 'leader-decision',
  title: 'Decide on a mission leader',
  apiRoute: 'POST /decisions',
  dto: DecideRepatriationDto,
  params: ['recommendation'],
  fixed: (params) => ({ recommendationId: params.recommendation, scope: 'leader' }),
  targets: (context) => decisionTargets(context, 'leader'),
  async load(context) {
    const { recommendation, appointments, aside, record } = await recommendationScene(context);
    return {
      record,
      intro:
        'Relieve, retain or defer. The findings and the recommendation this decision answers are shown beside the form.',
      submitLabel: 'Record the decision',
      aside,
      defaults: {
        ...(recommendation.appointmentId ? { appointmentId: recommendation.appointmentId } : {}),
        authority: context.principal.name,
      },
      sections: [
        {
          fields: [
            {
              name: 'appointmentId',
              label: 'Mission leader',
              kind: 'select',
              choices: appointments,
            },
            {
              name: 'outcome',
              label: 'Outcome',
              kind: 'select',
              choices: vocabulary(LEADER_OUTCOMES),
            },
            ...decisionFields('relieve'),
          ],
        },
      ],
    };
  },
  submit: (api, dto, context) => api.decisions.decide(dto, context),
});
