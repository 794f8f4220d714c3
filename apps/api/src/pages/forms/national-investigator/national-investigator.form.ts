import { AppointNationalInvestigatorDto } from '../../../investigations/investigation.dto';
import { format } from '../../rendering/format';
import { INSTANT_HINT, short } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import { investigationScene, investigationsOf } from '../machinery/investigation-scene';

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
                    `${o.country}, ${format.date(o.appointedAt)}${o.subjectId ? ` (${o.subjectId})` : ''}`,
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
              hint: 'Where the country named the officer.',
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.appointNationalInvestigator(params.investigation, dto, context),
});
