import { RecordTccResponseDto } from '../../../contingents/contingent.dto';
import { NotificationsAwaitingReplyQuery } from '../../../contingents/contingent.queries';
import { format } from '../../rendering/format';
import { INSTANT_HINT } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';

interface Awaiting {
  contingentId: string;
  notificationId: string;
  subjectStreamId: string;
  notifiedAt: string;
  channel: string;
}

/**
 * A contributing country's liaison: reply to a notification about one of its own units
 * (TccResponseRecorded). The API refuses another country's unit; so does this form, by the same
 * controller method, and it never offers one.
 */
export const tccReplyForm = defineForm({
  id: 'tcc-reply',
  title: 'Reply to a notification',
  apiRoute: 'POST /contingents/:id/replies',
  dto: RecordTccResponseDto,
  params: ['contingent'],
  async targets({ request, reads, principal, lookups }) {
    if (!principal.country) return [];
    const answer = await reads.read<{ items: Awaiting[] }>(
      request,
      new NotificationsAwaitingReplyQuery(principal.country),
    );
    const ids = [...new Set(answer.items.map((n) => n.contingentId))];
    const units = await lookups.units(reads, request, ids);
    return units.map((u) => ({
      label: `${u.designation} (${u.country}, ${u.missionCode}): ${answer.items.filter((n) => n.contingentId === u.contingentId).length} awaiting a reply`,
      params: { contingent: u.contingentId },
    }));
  },
  async load({ request, lookups, params }) {
    const unit = await lookups.contingent(request, params.contingent);
    const notifications = Object.entries(unit.notifications).map(([id, n]) => ({
      value: id,
      label: `Notified ${format.date(n.notifiedAt)} about ${n.subjectStreamId.split('-')[0]} ${n.subjectStreamId.slice(n.subjectStreamId.indexOf('-') + 1, n.subjectStreamId.indexOf('-') + 9)}…`,
    }));
    return {
      record: {
        label: `${unit.designation} (${unit.country})`,
        href: `/ui/contingents/${unit.contingentId}`,
      },
      stream: { id: `contingent-${unit.contingentId}`, revision: unit.revision },
      intro: "The country's reply becomes part of the record, beside the findings it answers.",
      submitLabel: 'Record the reply',
      sections: [
        {
          fields: [
            {
              name: 'regarding',
              label: 'The notification it answers',
              kind: 'select',
              choices: notifications,
            },
            { name: 'statement', label: 'Statement', kind: 'textarea' },
            {
              name: 'respondedAt',
              label: 'Replied at',
              kind: 'instant',
              optional: true,
              hint: `${INSTANT_HINT} Empty: now.`,
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params, principal) =>
    api.contingents.reply(params.contingent, dto, context, principal),
});
