import { INVESTIGATION_KINDS } from '@blue-ledger/domain';
import { OpenInvestigationDto } from '../../../investigations/investigation.dto';
import { INSTANT_HINT, short, vocabulary } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';

/** Investigator: open an investigation on one or more incidents (POST /investigations). */
export const investigationOpenForm = defineForm({
  id: 'investigation-open',
  title: 'Open an investigation',
  apiRoute: 'POST /investigations',
  dto: OpenInvestigationDto,
  params: ['incident'],
  async targets({ request, reads, lookups }) {
    const incidents = await lookups.incidents(reads, request, 'open');
    return incidents.map((i) => ({
      label: `${i.missionCode}: ${short(i.summary)}`,
      params: { incident: i.incidentId },
    }));
  },
  async load({ request, reads, lookups, params }) {
    const [incident, open] = await Promise.all([
      lookups.incident(request, params.incident),
      lookups.incidents(reads, request, 'open'),
    ]);
    const choices = open.map((i) => ({
      value: i.incidentId,
      label: `${i.missionCode}, ${i.occurredAt.slice(0, 10)}: ${short(i.summary)}`,
    }));
    return {
      record: {
        label: `incident: ${short(incident.facts.summary, 60)}`,
        href: `/ui/incidents/${incident.incidentId}`,
      },
      intro:
        'One investigation may cover several incidents; one incident may have several investigations.',
      submitLabel: 'Open the investigation',
      defaults: { incidentIds: [incident.incidentId] },
      sections: [
        {
          fields: [
            { name: 'incidentIds', label: 'Incidents it covers', kind: 'checkboxes', choices },
            {
              name: 'kind',
              label: 'Kind',
              kind: 'select',
              choices: vocabulary(INVESTIGATION_KINDS),
            },
            { name: 'title', label: 'Title', kind: 'text' },
            {
              name: 'termsOfReference',
              label: 'Terms of reference',
              kind: 'textarea',
              optional: true,
            },
            { name: 'dueBy', label: 'Due by', kind: 'instant', optional: true, hint: INSTANT_HINT },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context) => api.investigations.open(dto, context),
});
