import { AssignInvestigatorDto } from '../../../investigations/investigation.dto';
import { defineForm } from '../machinery/form-definition';
import { incidentScene, openIncidents } from '../incident-amendment/incident-amendment.forms';

/**
 * Investigator (responsible for the incident) or admin: make an investigator responsible for an
 * incident (IncidentInvestigatorAssigned). The API refuses an investigator who is not.
 */
export const incidentInvestigatorForm = defineForm({
  id: 'incident-investigator',
  title: 'Make an investigator responsible for an incident',
  apiRoute: 'POST /incidents/:id/investigators',
  dto: AssignInvestigatorDto,
  params: ['incident'],
  targets: openIncidents,
  async load(context) {
    const { incident, record, stream, aside } = await incidentScene(context);
    return {
      record,
      stream,
      aside,
      intro: `Responsible now, besides its reporter and the investigators of its investigations: ${
        incident.investigators?.join(', ') || 'nobody'
      }. Those responsible amend, link units to and close the incident.`,
      submitLabel: 'Make responsible',
      sections: [
        {
          fields: [
            {
              name: 'investigatorId',
              label: 'Principal id of the investigator',
              kind: 'text',
              hint: 'The id the ledger knows the investigator by (from LEDGER_PRINCIPALS or POST /principals).',
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) => api.incidents.assign(params.incident, dto, context),
});
