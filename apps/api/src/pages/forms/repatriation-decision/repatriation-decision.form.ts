import { REPATRIATION_OUTCOMES, REPATRIATION_SCOPES } from '@blue-ledger/domain';
import { DecideRepatriationDto } from '../../../decisions/decision.dto';
import { unitChoices, vocabulary } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import {
  decisionFields,
  decisionTargets,
  recommendationScene,
} from '../machinery/recommendation-scene';

/**
 * Decision authority: decide on a recommendation (RepatriationDecided), with the findings and
 * the recommendation it answers beside the form. Retaining or deferring against a
 * recommendation to repatriate must say why (the API's rule, refused beside its field).
 */
export const repatriationDecisionForm = defineForm({
  id: 'repatriation-decision',
  title: 'Decide on a recommendation',
  apiRoute: 'POST /decisions',
  dto: DecideRepatriationDto,
  params: ['recommendation'],
  fixed: (params) => ({ recommendationId: params.recommendation }),
  targets: (context) => decisionTargets(context, 'unit'),
  async load(context) {
    const { recommendation, units, aside, record } = await recommendationScene(context);
    const { principal } = context;
    return {
      record,
      intro:
        'Repatriate, retain or defer. The findings and the recommendation this decision answers are shown beside the form.',
      submitLabel: 'Record the decision',
      aside,
      defaults: {
        ...(recommendation.contingentId ? { contingentId: recommendation.contingentId } : {}),
        authority: principal.name,
      },
      sections: [
        {
          fields: [
            { name: 'contingentId', label: 'Unit', kind: 'select', choices: unitChoices(units) },
            {
              name: 'scope',
              label: 'Scope',
              kind: 'select',
              choices: vocabulary(REPATRIATION_SCOPES),
            },
            {
              name: 'outcome',
              label: 'Outcome',
              kind: 'select',
              choices: vocabulary(REPATRIATION_OUTCOMES),
            },
            ...decisionFields('repatriate', [
              {
                name: 'subjectIds',
                label: 'Individuals, by subject id',
                kind: 'lines',
                optional: true,
                hint: 'With scope commander or individuals; one a line.',
              },
            ]),
          ],
        },
      ],
    };
  },
  submit: (api, dto, context) => api.decisions.decide(dto, context),
});
