import { INCIDENT_CATEGORIES } from '@blue-ledger/domain';
import { AmendIncidentDto, LinkUnitsDto } from '../../../incidents/incident.dto';
import { format } from '../../rendering/format';
import { INSTANT_HINT, REASON_FIELD, short, unitChoices, vocabulary } from '../machinery/choices';
import { defineForm, type FormLoad } from '../machinery/form-definition';

export async function incidentScene({ request, lookups, params }: FormLoad) {
  const incident = await lookups.incident(request, params.incident);
  return {
    incident,
    record: {
      label: `incident: ${short(incident.facts.summary, 60)}`,
      href: `/ui/incidents/${incident.incidentId}`,
    },
    stream: { id: `incident-${incident.incidentId}`, revision: incident.revision },
    aside: [
      {
        heading: 'The incident as it stands',
        facts: [
          { term: 'Occurred', value: incident.facts.occurredAt },
          { term: 'Category', value: format.label(incident.facts.category) },
          { term: 'Summary', value: incident.facts.summary },
        ],
      },
    ],
  };
}

export const openIncidents = async ({ request, reads, lookups }: Omit<FormLoad, 'params'>) =>
  (await lookups.incidents(reads, request, 'open')).map((i) => ({
    label: `${i.missionCode}: ${short(i.summary)}`,
    params: { incident: i.incidentId },
  }));

/** Investigator: correct the facts of an incident, with a reason (IncidentAmended). */
export const incidentAmendForm = defineForm({
  id: 'incident-amend',
  title: 'Amend the incident',
  apiRoute: 'POST /incidents/:id/amendments',
  dto: AmendIncidentDto,
  params: ['incident'],
  targets: openIncidents,
  async load(context) {
    const { record, stream, aside } = await incidentScene(context);
    return {
      record,
      stream,
      aside,
      intro: 'Give only the facts that change, and why; the earlier facts stay in the record.',
      submitLabel: 'Amend the incident',
      sections: [
        {
          legend: 'What changes',
          fields: [
            {
              name: 'changes.occurredAt',
              label: 'When it happened',
              kind: 'instant',
              optional: true,
              hint: INSTANT_HINT,
            },
            {
              name: 'changes.category',
              label: 'Category',
              kind: 'select',
              optional: true,
              choices: vocabulary(INCIDENT_CATEGORIES),
            },
            { name: 'changes.summary', label: 'Summary', kind: 'textarea', optional: true },
            { name: 'changes.location.name', label: 'Place name', kind: 'text', optional: true },
            {
              name: 'changes.location.latitude',
              label: 'Latitude',
              kind: 'number',
              optional: true,
            },
            {
              name: 'changes.location.longitude',
              label: 'Longitude',
              kind: 'number',
              optional: true,
            },
            {
              name: 'changes.casualties.civiliansKilled',
              label: 'Civilians killed',
              kind: 'count',
              optional: true,
            },
            {
              name: 'changes.casualties.civiliansInjured',
              label: 'Civilians injured',
              kind: 'count',
              optional: true,
            },
            {
              name: 'changes.casualties.peacekeepersKilled',
              label: 'Peacekeepers killed',
              kind: 'count',
              optional: true,
            },
            {
              name: 'changes.casualties.peacekeepersInjured',
              label: 'Peacekeepers injured',
              kind: 'count',
              optional: true,
            },
          ],
        },
        { fields: [REASON_FIELD] },
      ],
    };
  },
  submit: (api, dto, context, params) => api.incidents.amend(params.incident, dto, context),
});

/** Investigator: link the units present (IncidentUnitsLinked). */
export const incidentUnitsForm = defineForm({
  id: 'incident-units',
  title: 'Link units to the incident',
  apiRoute: 'POST /incidents/:id/units',
  dto: LinkUnitsDto,
  params: ['incident'],
  targets: openIncidents,
  async load(context) {
    const { incident, record, stream, aside } = await incidentScene(context);
    const units = await context.lookups.units(context.reads, context.request);
    const present = new Set(incident.contingentIds ?? []);
    return {
      record,
      stream,
      aside,
      submitLabel: 'Link the units',
      sections: [
        {
          fields: [
            {
              name: 'contingentIds',
              label: 'Units present (not yet linked)',
              kind: 'checkboxes',
              choices: unitChoices(units.filter((u) => !present.has(u.contingentId))),
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) => api.incidents.link(params.incident, dto, context),
});
