import { NameUnitDto } from '../../../investigations/investigation.dto';
import { unitChoices } from '../machinery/choices';
import { defineForm } from '../machinery/form-definition';
import { findingChoices, investigationScene } from '../machinery/investigation-scene';
import { investigationTargets } from '../machinery/investigation-targets';

/** Investigator: name a unit on the findings attributed to it (UnitNamed). */
export const unitNamingForm = defineForm({
  id: 'unit-naming',
  title: 'Name a unit',
  apiRoute: 'POST /investigations/:id/namings',
  dto: NameUnitDto,
  params: ['investigation'],
  targets: investigationTargets,
  async load(context) {
    const { investigation, units, record, stream } = await investigationScene(context);
    return {
      record,
      stream,
      intro:
        'Naming identifies a unit as having underperformed; it rests on at least one finding attributed to it that is not withdrawn.',
      submitLabel: 'Name the unit',
      sections: [
        {
          fields: [
            { name: 'contingentId', label: 'Unit', kind: 'select', choices: unitChoices(units) },
            {
              name: 'findingIds',
              label: 'Findings it rests on',
              kind: 'checkboxes',
              choices: findingChoices(investigation),
            },
            { name: 'public', label: 'The naming is public', kind: 'boolean' },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.investigations.nameUnit(params.investigation, dto, context),
});
