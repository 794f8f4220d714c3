import { DECIDED_ACTIONS } from '@blue-ledger/domain';
import { ProblemException } from '../../../problems/problem.exception';
import { format } from '../../rendering/format';
import { INSTANT_HINT, short } from './choices';
import type { AsideBlock, Field, FormLoad } from './form-definition';
import { investigationScene } from './investigation-scene';

type Recommendation = Awaited<ReturnType<FormLoad['lookups']['recommendations']>>[number];

/** A recommendation about a mission leader: it names an appointment, or asks to relieve one. */
export const isAboutLeader = (r: Pick<Recommendation, 'action' | 'appointmentId'>): boolean =>
  (r.appointmentId ?? null) !== null || r.action === 'relieve_leader';

/** The undecided recommendations a decision answers, about a unit or about a leader. */
export async function undecidedRecommendations(
  { request, reads, lookups }: Omit<FormLoad, 'params'>,
  about: 'unit' | 'leader',
) {
  const undecided = await lookups.recommendations(reads, request, 'undecided');
  return undecided.filter(
    (r) =>
      (DECIDED_ACTIONS as readonly string[]).includes(r.action) &&
      isAboutLeader(r) === (about === 'leader'),
  );
}

/** The undecided recommendations about a unit or a leader, as the targets of a decision form. */
export async function decisionTargets(
  context: Omit<FormLoad, 'params'>,
  about: 'unit' | 'leader',
): Promise<{ label: string; params: Record<string, string> }[]> {
  const undecided = await undecidedRecommendations(context, about);
  return undecided.map((r) => ({
    label: `${format.label(r.action)}: ${short(r.rationale)}`,
    params: { recommendation: r.recommendationId },
  }));
}

/**
 * What every decision on a recommendation records besides its subject and outcome: who decided,
 * why, why it departs from the recommendation (`departure`: what departing means), and when.
 * `between` goes after the reason to deviate (e.g. the individuals a repatriation names).
 */
export const decisionFields = (departure: string, between: readonly Field[] = []): Field[] => [
  { name: 'authority', label: 'Authority', kind: 'text' },
  { name: 'rationale', label: 'Rationale', kind: 'textarea' },
  {
    name: 'reasonForDeviation',
    label: `Why retain or defer against a recommendation to ${departure}`,
    kind: 'textarea',
    optional: true,
    hint: `Required when the outcome departs from a recommendation to ${departure}.`,
  },
  ...between,
  {
    name: 'decidedAt',
    label: 'Decided at',
    kind: 'instant',
    optional: true,
    hint: `${INSTANT_HINT} Empty: now.`,
  },
];

/**
 * The recommendation a decision answers, with its investigation (its units and leaders' appointments)
 * and, beside the form, the recommendation and the findings it rests on.
 */
export async function recommendationScene(context: FormLoad) {
  const { request, reads, lookups, params } = context;
  const all = await lookups.recommendations(reads, request);
  const recommendation = all.find((r) => r.recommendationId === params.recommendation);
  if (!recommendation) {
    throw new ProblemException(
      404,
      'recommendation_not_found',
      `No recommendation ${params.recommendation} is recorded.`,
    );
  }
  const { investigation, appointments } = await investigationScene({
    ...context,
    params: { investigation: recommendation.investigationId },
  });
  const units = await lookups.units(reads, request);
  const unitName = units.find((u) => u.contingentId === recommendation.contingentId);
  const leader = appointments.find((a) => a.value === recommendation.appointmentId);
  const aside: AsideBlock[] = [
    {
      heading: `Recommendation: ${format.label(recommendation.action)}`,
      facts: [
        { term: 'Investigation', value: investigation.title },
        ...(leader
          ? [{ term: 'Mission leader', value: leader.label }]
          : [
              {
                term: 'Unit',
                value: unitName ? `${unitName.designation} (${unitName.country})` : '—',
              },
            ]),
        { term: 'Rationale', value: recommendation.rationale },
        { term: 'Status', value: format.label(recommendation.status) },
      ],
    },
    ...recommendation.findingIds.map((id) => {
      const f = investigation.findings[id];
      return {
        heading: `Finding: ${f ? short(f.statement, 120) : id}`,
        facts: f
          ? [
              { term: 'Category', value: format.label(f.category) },
              { term: 'Severity', value: format.label(f.severity) },
              {
                term: 'Attributed to',
                value: f.attributions
                  .map((a) => {
                    const whom = a.contingentId
                      ? (units.find((u) => u.contingentId === a.contingentId)?.designation ??
                        a.contingentId)
                      : a.appointmentId
                        ? (appointments.find((c) => c.value === a.appointmentId)?.label ??
                          a.appointmentId)
                        : a.role && format.label(a.role);
                    return whom ? `${format.label(a.level)} (${whom})` : format.label(a.level);
                  })
                  .join('; '),
              },
              ...(f.withdrawn ? [{ term: 'Withdrawn', value: 'yes' }] : []),
            ]
          : [],
        list: f?.contextFactors?.map((c) => `Context: ${c}`),
      };
    }),
  ];
  return {
    recommendation,
    investigation,
    units,
    appointments,
    aside,
    record: {
      label: `recommendation: ${short(recommendation.rationale, 60)}`,
      href: `/ui/investigations/${recommendation.investigationId}`,
    },
  };
}
