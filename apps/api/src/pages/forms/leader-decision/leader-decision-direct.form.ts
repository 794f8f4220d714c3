import { LEADER_OUTCOMES } from '@blue-ledger/domain';
import type { LeaderHistory } from '@blue-ledger/projections';
import { DecideRepatriationDto } from '../../../decisions/decision.dto';
import { LeaderHistoryQuery } from '../../../missions/mission.queries';
import { ProblemException } from '../../../problems/problem.exception';
import { format } from '../../rendering/format';
import { appointmentChoices, appointmentLabel } from '../machinery/appointments';
import { short, vocabulary } from '../machinery/choices';
import { defineForm, type AsideBlock } from '../machinery/form-definition';
import { decisionFields } from '../machinery/recommendation-scene';
import { MISSION_PARAM } from '../mission-leadership/mission-leadership.forms';

/**
 * Decision authority: decide on a mission leader without a recommendation (RepatriationDecided
 * with scope `leader`, naming the appointment, no `recommendationId`), as `POST /decisions`
 * allows. The API takes no findings for such a decision, so the form asks for none; the
 * findings the ledger holds about the leader, and the decisions already taken, are shown beside
 * it. With no recommendation there is nothing to deviate from: no reason to deviate is asked.
 */
export const leaderDecisionDirectForm = defineForm({
  id: 'leader-decision-direct',
  title: 'Decide on a mission leader without a recommendation',
  apiRoute: 'POST /decisions',
  dto: DecideRepatriationDto,
  params: ['mission', 'appointment'],
  paramRules: { mission: MISSION_PARAM },
  fixed: (params) => ({ appointmentId: params.appointment, scope: 'leader' }),
  async targets({ request, reads, lookups }) {
    const listed = await lookups.missions(reads, request);
    const missions = await Promise.all(listed.map((m) => lookups.mission(request, m.code)));
    return missions.flatMap((mission) =>
      appointmentChoices([mission]).map((a) => ({
        label: a.label,
        params: { mission: mission.code, appointment: a.value },
      })),
    );
  },
  async load({ request, principal, reads, lookups, params }) {
    const mission = await lookups.mission(request, params.mission);
    const appointment = mission.leadership.find((a) => a.appointmentId === params.appointment);
    if (!appointment) {
      throw new ProblemException(
        404,
        'appointment_not_found',
        `No appointment ${params.appointment} in ${mission.code}.`,
      );
    }
    const history = await reads.readIfAny<LeaderHistory>(
      request,
      new LeaderHistoryQuery(mission.code, appointment.appointmentId),
    );
    const findings = (history?.findings ?? []).filter((f) => !f.withdrawn && f.attributedNow);
    const decisions = history?.decisions ?? [];
    const aside: AsideBlock[] = [
      {
        heading: 'The leader',
        facts: [{ term: 'Appointment', value: appointmentLabel(mission.code, appointment) }],
      },
      {
        heading: 'Findings about this leader',
        facts: [],
        list:
          findings.length > 0
            ? findings.map(
                (f) =>
                  `${short(f.statement, 140)} (${format.label(f.category)}, ${f.severity}; ${f.basis === 'names_the_appointment' ? 'names this appointment' : 'attributed to the role while this leader held it'})`,
              )
            : ['None recorded.'],
      },
      ...(decisions.length > 0
        ? [
            {
              heading: 'Decisions already taken',
              facts: [],
              list: decisions.map(
                (d) =>
                  `${format.label(d.outcome)}, ${format.date(d.decidedAt)}: ${short(d.rationale, 100)}`,
              ),
            },
          ]
        : []),
    ];
    return {
      record: {
        label: `${mission.code} leadership`,
        href: `/ui/contingents?mission=${encodeURIComponent(mission.code)}`,
      },
      intro:
        'Relieve, retain or defer a mission leader on the ledger’s own record, where no recommendation was issued. A decision answering a recommendation is taken from the recommendation instead.',
      submitLabel: 'Record the decision',
      aside,
      defaults: { authority: principal.name },
      sections: [
        {
          fields: [
            {
              name: 'outcome',
              label: 'Outcome',
              kind: 'select',
              choices: vocabulary(LEADER_OUTCOMES),
            },
            ...decisionFields('relieve').filter((f) => f.name !== 'reasonForDeviation'),
          ],
        },
      ],
    };
  },
  submit: (api, dto, context) => api.decisions.decide(dto, context),
});
