import type { SubjectView } from '@blue-ledger/access';
import { AuditTrailQuery } from '../../../audit/audit.queries';
import { AppointNationalInvestigatorDto } from '../../../investigations/investigation.dto';
import { format } from '../../rendering/format';
import { INSTANT_HINT, short } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import { investigationScene, investigationsOf } from '../machinery/investigation-scene';
import { personOf } from '../machinery/person-view';

interface AppointmentEnvelope {
  data: { subjectId?: string };
  personal?: Record<string, SubjectView>;
}

/**
 * Investigator: record the contributing country's national investigation officer on its
 * national investigation (NationalInvestigatorAppointed). The first officer fixes the country;
 * the deadline clock (5 working days from the notification) reads this event.
 */
export const nationalInvestigatorForm = defineForm({
  id: 'national-investigator',
  title: 'Record a national investigation officer',
  apiRoute: 'POST /investigations/:id/national-investigator',
  dto: AppointNationalInvestigatorDto,
  params: ['investigation'],
  async targets(context) {
    const investigations = await investigationsOf(context, 'open');
    return investigations
      .filter((i) => i.kind === 'national_investigation')
      .map((i) => ({ label: short(i.title, 100), params: { investigation: i.investigationId } }));
  },
  async load(context) {
    const { investigation, units, record, stream } = await investigationScene(context);
    const officers = investigation.nationalInvestigators ?? [];
    // The officers named as persons, as the reader may see them: through the access view, which
    // shows the details to a reader with need-to-know (and logs it), and redacts them otherwise.
    const people = new Map<string, SubjectView | undefined>();
    if (officers.some((o) => o.subjectId !== undefined)) {
      const appointments = await context.reads.read<{ events: AppointmentEnvelope[] }>(
        context.request,
        new AuditTrailQuery(
          { stream: stream.id, type: 'NationalInvestigatorAppointed' },
          { limit: 100 },
        ),
        { disclose: true },
      );
      for (const event of appointments.events) {
        const subjectId = event.data.subjectId;
        if (subjectId !== undefined) people.set(subjectId, event.personal?.[subjectId]);
      }
    }
    const countries = [...new Set(units.map((u) => u.country))];
    const defaultCountry: string | undefined =
      officers[0]?.country ?? (countries.length === 1 ? countries[0] : undefined);
    const defaults: Record<string, string> = defaultCountry ? { country: defaultCountry } : {};
    return {
      record,
      stream,
      intro: `Only a national investigation has national investigation officers; a replacement is of the same country.`,
      aside: [
        {
          heading: 'Officers appointed',
          facts: [],
          list:
            officers.length > 0
              ? officers.map(
                  (o) =>
                    `${o.country}, ${format.date(o.appointedAt)}${o.subjectId ? `: ${personOf(o.subjectId, people.get(o.subjectId))}` : ''}`,
                )
              : ['None yet.'],
        },
      ],
      defaults,
      submitLabel: 'Record the officer',
      sections: [
        {
          fields: [
            {
              name: 'country',
              label: 'Contributing country',
              kind: 'text',
              hint: `ISO 3166-1 alpha-3 code${countries.length > 0 ? `; the incidents' units are of ${countries.join(', ')}` : ''}.`,
            },
            { name: 'appointedAt', label: 'Appointed at', kind: 'instant', hint: INSTANT_HINT },
            {
              name: 'subjectId',
              label: 'The officer, by subject id',
              kind: 'text',
              optional: true,
              hint: 'Where the country named the officer: a reference of your choosing, as on the case file.',
            },
            {
              name: 'subjectDetails.name',
              label: "The officer's name (personal detail)",
              kind: 'text',
              optional: true,
              hint: 'With a subject id: kept apart, encrypted under the officer’s own key, shown only to readers with a need to know, erasable.',
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.appointNationalInvestigator(params.investigation, dto, context),
});
