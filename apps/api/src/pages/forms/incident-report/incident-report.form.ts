import { INCIDENT_CATEGORIES } from '@blue-ledger/domain';
import { ReportIncidentDto } from '../../../incidents/incident.dto';
import { INSTANT_HINT, unitChoices, vocabulary } from '../machinery/choices';
import { defineForm, type Section } from '../machinery/form-definition';
import { subjectRows } from '../machinery/subject-rows';

const subjects = (): Section[] =>
  subjectRows(
    2,
    'Victims, witnesses, alleged perpetrators: a subject id of your choosing and a role; the details are kept apart, encrypted, and shown only to those with a need to know.',
  );

/** Investigator: report an incident (POST /incidents, IncidentReported). */
export const incidentReportForm = defineForm({
  id: 'incident-report',
  title: 'Report an incident',
  apiRoute: 'POST /incidents',
  dto: ReportIncidentDto,
  params: [],
  async load({ request, reads, lookups }) {
    const [missions, units] = await Promise.all([
      lookups.missions(reads, request),
      lookups.units(reads, request),
    ]);
    return {
      record: { label: 'the incidents', href: '/ui/incidents' },
      intro:
        'What happened, where and when, as far as it is known now. Later corrections are amendments with a reason; nothing is overwritten.',
      submitLabel: 'Report the incident',
      sections: [
        {
          fields: [
            {
              name: 'missionCode',
              label: 'Mission',
              kind: 'select',
              choices: missions.map((m) => ({ value: m.code, label: `${m.code}: ${m.name}` })),
            },
            {
              name: 'occurredAt',
              label: 'When it happened',
              kind: 'instant',
              hint: `${INSTANT_HINT} Often approximate: give the best estimate to the precision known (e.g. the hour or the day at midnight) and say how approximate it is in the summary.`,
            },
            {
              name: 'category',
              label: 'Category',
              kind: 'select',
              choices: vocabulary(INCIDENT_CATEGORIES),
            },
            { name: 'summary', label: 'Summary', kind: 'textarea' },
          ],
        },
        {
          legend: 'Place',
          fields: [
            { name: 'location.name', label: 'Place name', kind: 'text' },
            {
              name: 'location.latitude',
              label: 'Latitude',
              kind: 'number',
              optional: true,
              hint: 'Decimal degrees, -90 to 90.',
            },
            {
              name: 'location.longitude',
              label: 'Longitude',
              kind: 'number',
              optional: true,
              hint: 'Decimal degrees, -180 to 180.',
            },
          ],
        },
        {
          legend: 'Casualties',
          hint: 'Whole numbers; leave empty what is not known.',
          fields: [
            {
              name: 'casualties.civiliansKilled',
              label: 'Civilians killed',
              kind: 'count',
              optional: true,
            },
            {
              name: 'casualties.civiliansInjured',
              label: 'Civilians injured',
              kind: 'count',
              optional: true,
            },
            {
              name: 'casualties.peacekeepersKilled',
              label: 'Peacekeepers killed',
              kind: 'count',
              optional: true,
            },
            {
              name: 'casualties.peacekeepersInjured',
              label: 'Peacekeepers injured',
              kind: 'count',
              optional: true,
            },
          ],
        },
        {
          fields: [
            {
              name: 'contingentIds',
              label: 'Units present',
              kind: 'checkboxes',
              optional: true,
              choices: unitChoices(units),
            },
          ],
        },
        ...subjects(),
      ],
    };
  },
  submit: (api, dto, context) => api.incidents.report(dto, context),
});
