import { DEPARTURE_REASONS, LEADER_ROLES, MISSION_CODE } from '@blue-ledger/domain';
import { AppointLeaderDto, LeaderDepartureDto } from '../../../missions/mission.dto';
import { ProblemException } from '../../../problems/problem.exception';
import { format } from '../../rendering/format';
import { appointmentChoices, appointmentLabel } from '../machinery/appointments';
import { INSTANT_HINT, vocabulary } from '../machinery/choices';
import { defineForm, type FormLoad } from '../machinery/form-definition';
import type { MissionAnswer } from '../machinery/ledger-lookups';

/** A mission is named by its code (e.g. UNMISS), not a UUID. */
export const MISSION_PARAM = { pattern: MISSION_CODE, rule: "a mission's code, e.g. UNMISS" };

/** The mission the form acts on: the record, its stream (written with If-Match), its leaders. */
async function missionScene({ request, lookups, params }: FormLoad) {
  const mission = await lookups.mission(request, params.mission);
  return {
    mission,
    record: {
      label: `${mission.code}: ${mission.name}`,
      // Where the mission's leaders show: its units, with its leadership over time.
      href: `/ui/contingents?mission=${encodeURIComponent(mission.code)}`,
    },
    stream: { id: `mission-${mission.code}`, revision: mission.revision },
  };
}

/** Every registered mission with its leadership, as the principal may read them. */
async function allMissions({
  request,
  reads,
  lookups,
}: Omit<FormLoad, 'params'>): Promise<MissionAnswer[]> {
  const listed = await lookups.missions(reads, request);
  return Promise.all(listed.map((m) => lookups.mission(request, m.code)));
}

/** The leaders in post now, beside the form. */
const leadershipAside = (mission: MissionAnswer) => [
  {
    heading: `${mission.code} leadership`,
    facts: [],
    list:
      mission.leadership.length > 0
        ? mission.leadership.map((a) => appointmentLabel(mission.code, a))
        : ['No leader recorded yet.'],
  },
];

/** Admin: appoint a mission leader, SRSG to head of office (LeaderAppointed). */
export const leaderAppointForm = defineForm({
  id: 'leader-appoint',
  title: 'Appoint a mission leader',
  apiRoute: 'POST /missions/:code/leaders',
  dto: AppointLeaderDto,
  params: ['mission'],
  paramRules: { mission: MISSION_PARAM },
  async targets(context) {
    const missions = await context.lookups.missions(context.reads, context.request);
    return missions.map((m) => ({ label: `${m.code}: ${m.name}`, params: { mission: m.code } }));
  },
  async load(context) {
    const { mission, record, stream } = await missionScene(context);
    return {
      record,
      stream,
      intro:
        'Leaders are held to account too: findings, recommendations and decisions can name this appointment.',
      aside: leadershipAside(mission),
      submitLabel: 'Appoint',
      sections: [
        {
          fields: [
            { name: 'role', label: 'Role', kind: 'select', choices: vocabulary(LEADER_ROLES) },
            {
              name: 'post',
              label: 'Post',
              kind: 'text',
              optional: true,
              hint: 'Where a mission has several: e.g. Sector South, Head of Office Bambari.',
            },
            {
              name: 'subjectId',
              label: 'The leader, by subject id',
              kind: 'text',
              hint: 'The ledger keeps people as data subjects: e.g. subject-force-commander-ken.',
            },
            {
              name: 'nationality',
              label: 'Nationality',
              kind: 'text',
              hint: 'ISO 3166-1 alpha-3 code, e.g. KEN, RWA.',
            },
            { name: 'appointedAt', label: 'Appointed at', kind: 'instant', hint: INSTANT_HINT },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) => api.missions.appoint(params.mission, dto, context),
});

/** Admin: the end of a leader's appointment, and why (LeaderDeparted). */
export const leaderDepartureForm = defineForm({
  id: 'leader-departure',
  title: "Record a leader's departure",
  apiRoute: 'POST /missions/:code/leaders/:appointmentId/departure',
  dto: LeaderDepartureDto,
  params: ['mission', 'appointment'],
  paramRules: { mission: MISSION_PARAM },
  async targets(context) {
    const missions = await allMissions(context);
    return missions.flatMap((mission) =>
      appointmentChoices([mission], { current: true }).map((a) => ({
        label: a.label,
        params: { mission: mission.code, appointment: a.value },
      })),
    );
  },
  async load(context) {
    const { mission, record, stream } = await missionScene(context);
    const appointment = mission.leadership.find(
      (a) => a.appointmentId === context.params.appointment,
    );
    if (!appointment) {
      throw new ProblemException(
        404,
        'appointment_not_found',
        `No appointment ${context.params.appointment} in ${mission.code}.`,
      );
    }
    return {
      record,
      stream,
      intro:
        'A relief decided on in the ledger is recorded when its decision is carried out; record here how any other appointment ended.',
      aside: [
        {
          heading: 'The appointment',
          facts: [
            { term: 'Role', value: format.label(appointment.role) },
            ...(appointment.post ? [{ term: 'Post', value: appointment.post }] : []),
            { term: 'Nationality', value: appointment.nationality },
            { term: 'Appointed', value: format.date(appointment.appointedAt) },
            {
              term: 'Departed',
              value: appointment.departure
                ? `${format.date(appointment.departure.at)}: ${format.label(appointment.departure.reason)}`
                : 'not yet',
            },
          ],
        },
      ],
      submitLabel: 'Record the departure',
      sections: [
        {
          fields: [
            { name: 'at', label: 'Departed at', kind: 'instant', hint: INSTANT_HINT },
            {
              name: 'reason',
              label: 'Reason',
              kind: 'select',
              choices: vocabulary(DEPARTURE_REASONS),
            },
            {
              name: 'note',
              label: 'Note',
              kind: 'textarea',
              optional: true,
              hint: 'Required with the reason Other.',
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) =>
    api.missions.depart(params.mission, params.appointment, dto, context),
});
