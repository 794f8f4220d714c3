import { NOTIFICATION_CHANNELS } from '@blue-ledger/domain';
import { NotifyTccDto } from '../../../contingents/contingent.dto';
import { INSTANT_HINT, short, unitChoices, vocabulary } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';

/** Investigator: record that a contributing country was notified about its unit (TccNotified). */
export const tccNotificationForm = defineForm({
  id: 'tcc-notification',
  title: 'Notify a contributing country',
  apiRoute: 'POST /contingents/:id/notifications',
  dto: NotifyTccDto,
  params: ['contingent'],
  async targets({ request, reads, lookups }) {
    const units = await lookups.units(reads, request);
    return unitChoices(units).map((u) => ({ label: u.label, params: { contingent: u.value } }));
  },
  async load({ request, reads, lookups, params }) {
    const unit = await lookups.contingent(request, params.contingent);
    const incidents = (await lookups.incidents(reads, request)).filter((i) =>
      ((i as { contingentIds?: string[] }).contingentIds ?? []).includes(unit.contingentId),
    );
    const subjects: { value: string; label: string }[] = [];
    for (const incident of incidents) {
      subjects.push({
        value: `incident-${incident.incidentId}`,
        label: `Incident: ${short(incident.summary)}`,
      });
      for (const id of (incident as { investigationIds?: string[] }).investigationIds ?? []) {
        const investigation = await lookups.investigation(request, id);
        subjects.push({
          value: `investigation-${id}`,
          label: `Investigation: ${short(investigation.title)}`,
        });
      }
    }
    return {
      record: {
        label: `${unit.designation} (${unit.country})`,
        href: `/ui/contingents/${unit.contingentId}`,
      },
      stream: { id: `contingent-${unit.contingentId}`, revision: unit.revision },
      intro:
        'The contributing country must be told promptly when its unit is the subject of an allegation or a finding; its reply becomes part of the record.',
      submitLabel: 'Record the notification',
      sections: [
        {
          fields: [
            { name: 'subjectStreamId', label: 'About', kind: 'select', choices: subjects },
            { name: 'notifiedAt', label: 'Notified at', kind: 'instant', hint: INSTANT_HINT },
            {
              name: 'channel',
              label: 'Channel',
              kind: 'select',
              choices: vocabulary(NOTIFICATION_CHANNELS),
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) => api.contingents.notify(params.contingent, dto, context),
});
