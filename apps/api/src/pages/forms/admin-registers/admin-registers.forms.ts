import { EVALUATION_RATINGS, UNIT_TYPES } from '@blue-ledger/domain';
import {
  CommendContingentDto,
  EvaluateContingentDto,
  ReHatContingentDto,
  RegisterContingentDto,
  RotateContingentDto,
} from '../../../contingents/contingent.dto';
import { RegisterMissionDto } from '../../../missions/mission.dto';
import { INSTANT_HINT, unitChoices, vocabulary } from '../machinery/choices';
import { defineForm, type FormLoad, type Section } from '../machinery/form-definition';

const COUNTRY_HINT = 'ISO 3166-1 alpha-3 code, e.g. MRT, NPL, CHN.';

/** Admin: register a peacekeeping mission (MissionRegistered). */
export const missionRegisterForm = defineForm({
  id: 'mission-register',
  title: 'Register a mission',
  apiRoute: 'POST /missions',
  dto: RegisterMissionDto,
  params: [],
  async load() {
    return {
      record: { label: 'the missions', href: '/ui/forms' },
      submitLabel: 'Register the mission',
      sections: [
        {
          fields: [
            { name: 'code', label: 'Code', kind: 'text', hint: 'e.g. MINUSCA, UNMISS.' },
            { name: 'name', label: 'Name', kind: 'text' },
            { name: 'hostCountry', label: 'Host country', kind: 'text', hint: COUNTRY_HINT },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context) => api.missions.register(dto, context),
});

/** Admin: register a contingent in a mission (ContingentRegistered). */
export const contingentRegisterForm = defineForm({
  id: 'contingent-register',
  title: 'Register a contingent',
  apiRoute: 'POST /contingents',
  dto: RegisterContingentDto,
  params: [],
  async load({ request, reads, lookups }) {
    const missions = await lookups.missions(reads, request);
    return {
      record: { label: 'the units', href: '/ui/contingents' },
      submitLabel: 'Register the contingent',
      sections: [
        {
          fields: [
            {
              name: 'missionCode',
              label: 'Mission',
              kind: 'select',
              choices: missions.map((m) => ({ value: m.code, label: `${m.code}: ${m.name}` })),
            },
            { name: 'country', label: 'Contributing country', kind: 'text', hint: COUNTRY_HINT },
            {
              name: 'unitType',
              label: 'Unit type',
              kind: 'select',
              choices: vocabulary(UNIT_TYPES),
            },
            { name: 'designation', label: 'Designation', kind: 'text' },
            { name: 'sector', label: 'Sector', kind: 'text', optional: true },
            { name: 'strength', label: 'Strength', kind: 'count', optional: true },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context) => api.contingents.register(dto, context),
});

async function unitScene({ request, lookups, params }: FormLoad) {
  const unit = await lookups.contingent(request, params.contingent);
  return {
    record: {
      label: `${unit.designation} (${unit.country})`,
      href: `/ui/contingents/${unit.contingentId}`,
    },
    stream: { id: `contingent-${unit.contingentId}`, revision: unit.revision },
  };
}

const unitTargets = async ({ request, reads, lookups }: Omit<FormLoad, 'params'>) =>
  unitChoices(await lookups.units(reads, request)).map((u) => ({
    label: u.label,
    params: { contingent: u.value },
  }));

const unitForm = <Dto extends object>(options: {
  id: string;
  title: string;
  apiRoute: string;
  dto: new () => Dto;
  submitLabel: string;
  intro?: string;
  sections: (missions: { code: string; name: string }[]) => Section[];
  submit: Parameters<typeof defineForm<Dto>>[0]['submit'];
}) =>
  defineForm<Dto>({
    id: options.id,
    title: options.title,
    apiRoute: options.apiRoute,
    dto: options.dto,
    params: ['contingent'],
    targets: unitTargets,
    async load(context) {
      const missions = await context.lookups.missions(context.reads, context.request);
      return {
        ...(await unitScene(context)),
        intro: options.intro,
        submitLabel: options.submitLabel,
        sections: options.sections(missions),
      };
    },
    submit: options.submit,
  });

/** Admin: a new rotation of the unit (ContingentRotated). */
export const contingentRotateForm = unitForm({
  id: 'contingent-rotate',
  title: 'Record a rotation',
  apiRoute: 'POST /contingents/:id/rotations',
  dto: RotateContingentDto,
  submitLabel: 'Record the rotation',
  intro: 'New personnel and commander; the same unit for accountability.',
  sections: () => [
    {
      fields: [
        { name: 'startedAt', label: 'Started at', kind: 'instant', hint: INSTANT_HINT },
        { name: 'strength', label: 'Strength', kind: 'count', optional: true },
      ],
    },
    {
      legend: 'The new commander',
      hint: "A subject id of your choosing; the personal details are kept apart, sealed under the commander's own key, and erasable.",
      fields: [
        { name: 'commanderSubjectId', label: 'Subject id', kind: 'text', optional: true },
        {
          name: 'commanderDetails.name',
          label: 'Name (personal detail)',
          kind: 'text',
          optional: true,
        },
        {
          name: 'commanderDetails.rank',
          label: 'Rank (personal detail)',
          kind: 'text',
          optional: true,
        },
      ],
    },
  ],
  submit: (api, dto, context, params) => api.contingents.rotate(params.contingent, dto, context),
});

/** Admin: the unit is re-hatted into a UN mission (ContingentReHatted). */
export const contingentReHatForm = unitForm({
  id: 'contingent-rehat',
  title: 'Record a re-hatting',
  apiRoute: 'POST /contingents/:id/rehatting',
  dto: ReHatContingentDto,
  submitLabel: 'Record the re-hatting',
  intro: 'From a regional operation into a UN mission; the unit keeps its history.',
  sections: (missions) => [
    {
      fields: [
        {
          name: 'fromOperation',
          label: 'From the operation',
          kind: 'text',
          hint: 'e.g. MISCA (African Union).',
        },
        {
          name: 'toMissionCode',
          label: 'Into the mission',
          kind: 'select',
          choices: missions.map((m) => ({ value: m.code, label: `${m.code}: ${m.name}` })),
        },
        { name: 'at', label: 'At', kind: 'instant', hint: INSTANT_HINT },
      ],
    },
  ],
  submit: (api, dto, context, params) => api.contingents.rehat(params.contingent, dto, context),
});

/** Admin: a force commander's evaluation of the unit (ContingentEvaluated). */
export const contingentEvaluateForm = unitForm({
  id: 'contingent-evaluate',
  title: 'Record an evaluation',
  apiRoute: 'POST /contingents/:id/evaluations',
  dto: EvaluateContingentDto,
  submitLabel: 'Record the evaluation',
  intro: 'Accountability that only records failure is not fair: good performance is recorded too.',
  sections: () => [
    {
      fields: [
        { name: 'evaluatedAt', label: 'Evaluated at', kind: 'instant', hint: INSTANT_HINT },
        {
          name: 'rating',
          label: 'Rating',
          kind: 'select',
          choices: vocabulary(EVALUATION_RATINGS),
        },
        { name: 'summary', label: 'Summary', kind: 'textarea' },
      ],
    },
  ],
  submit: (api, dto, context, params) => api.contingents.evaluate(params.contingent, dto, context),
});

/** Admin: a commendation of the unit (ContingentCommended). */
export const contingentCommendForm = unitForm({
  id: 'contingent-commend',
  title: 'Record a commendation',
  apiRoute: 'POST /contingents/:id/commendations',
  dto: CommendContingentDto,
  submitLabel: 'Record the commendation',
  sections: () => [
    {
      fields: [
        { name: 'at', label: 'At', kind: 'instant', hint: INSTANT_HINT },
        { name: 'citation', label: 'Citation', kind: 'textarea' },
      ],
    },
  ],
  submit: (api, dto, context, params) => api.contingents.commend(params.contingent, dto, context),
});
