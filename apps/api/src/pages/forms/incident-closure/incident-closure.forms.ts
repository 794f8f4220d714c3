import { ReasonDto } from '../../../shared-dto/reason.dto';
import { REASON_FIELD, short } from '../machinery/choices';
import { defineForm, type FormLoad, type Section } from '../machinery/form-definition';

async function incidentScene({ request, lookups, params }: FormLoad) {
  const incident = await lookups.incident(request, params.incident);
  return {
    record: {
      label: `incident: ${short(incident.facts.summary, 60)}`,
      href: `/ui/incidents/${incident.incidentId}`,
    },
    stream: { id: `incident-${incident.incidentId}`, revision: incident.revision },
  };
}

const targetsWith =
  (status: 'open' | 'closed') =>
  async ({ request, reads, lookups }: Omit<FormLoad, 'params'>) =>
    (await lookups.incidents(reads, request, status)).map((i) => ({
      label: `${i.missionCode}: ${short(i.summary)}`,
      params: { incident: i.incidentId },
    }));

const reasonSection: Section[] = [{ fields: [REASON_FIELD] }];

/** Investigator: close an incident, with a reason (IncidentClosed). */
export const incidentCloseForm = defineForm({
  id: 'incident-close',
  title: 'Close the incident',
  apiRoute: 'POST /incidents/:id/closure',
  dto: ReasonDto,
  params: ['incident'],
  targets: targetsWith('open'),
  async load(context) {
    return {
      ...(await incidentScene(context)),
      intro: 'A closed incident accepts no new facts until it is reopened with a reason.',
      submitLabel: 'Close the incident',
      sections: reasonSection,
    };
  },
  submit: (api, dto, context, params) => api.incidents.close(params.incident, dto, context),
});

/** Investigator: reopen a closed incident, with a reason (IncidentReopened). */
export const incidentReopenForm = defineForm({
  id: 'incident-reopen',
  title: 'Reopen the incident',
  apiRoute: 'POST /incidents/:id/reopening',
  dto: ReasonDto,
  params: ['incident'],
  targets: targetsWith('closed'),
  async load(context) {
    return {
      ...(await incidentScene(context)),
      submitLabel: 'Reopen the incident',
      sections: reasonSection,
    };
  },
  submit: (api, dto, context, params) => api.incidents.reopen(params.incident, dto, context),
});
