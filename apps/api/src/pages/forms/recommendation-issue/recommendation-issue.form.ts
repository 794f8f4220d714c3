import { RECOMMENDATION_ACTIONS } from '@blue-ledger/domain';
import { IssueRecommendationDto } from '../../../investigations/investigation.dto';
import { unitChoices, vocabulary } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import { findingChoices, investigationScene } from '../machinery/investigation-scene';
import { investigationTargets } from '../machinery/investigation-targets';

/** Investigator: issue a recommendation on the findings it rests on (RecommendationIssued). */
export const recommendationIssueForm = defineForm({
  id: 'recommendation-issue',
  title: 'Issue a recommendation',
  apiRoute: 'POST /investigations/:id/recommendations',
  dto: IssueRecommendationDto,
  params: ['investigation'],
  targets: investigationTargets,
  async load(context) {
    const { investigation, units, appointments, record, stream } =
      await investigationScene(context);
    return {
      record,
      stream,
      submitLabel: 'Issue the recommendation',
      sections: [
        {
          fields: [
            {
              name: 'action',
              label: 'Action',
              kind: 'select',
              choices: vocabulary(RECOMMENDATION_ACTIONS),
            },
            {
              name: 'contingentId',
              label: 'Unit concerned',
              kind: 'select',
              optional: true,
              hint: 'To repatriate a unit, or the commander of a unit.',
              choices: unitChoices(units),
            },
            {
              name: 'appointmentId',
              label: 'Mission leader concerned',
              kind: 'select',
              optional: true,
              hint: 'To relieve a mission leader (no unit), or to repatriate the force, sector or police commander.',
              choices: appointments,
            },
            {
              name: 'role',
              label: 'Role concerned',
              kind: 'text',
              optional: true,
              hint: 'e.g. battalion_commander',
            },
            {
              name: 'subjectIds',
              label: 'Individuals concerned, by subject id',
              kind: 'lines',
              optional: true,
              hint: 'One subject id a line.',
            },
            {
              name: 'findingIds',
              label: 'Findings it rests on',
              kind: 'checkboxes',
              choices: findingChoices(investigation),
            },
            { name: 'rationale', label: 'Rationale', kind: 'textarea' },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.recommend(params.investigation, dto, context),
});
