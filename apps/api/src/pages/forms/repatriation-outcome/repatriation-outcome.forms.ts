import type { AnsweringDecision, FollowThroughSummary } from '@blue-ledger/projections';
import { FollowThroughQuery } from '../../../recommendations/recommendation.queries';
import { ImplementRepatriationDto } from '../../../decisions/decision.dto';
import { ReasonDto } from '../../../shared-dto/reason.dto';
import { format } from '../../rendering/format';
import { INSTANT_HINT, REASON_FIELD } from '../machinery/choices';
import { defineForm, type FormLoad, type Section } from '../machinery/form-definition';

interface DecisionAnswer {
  status: string;
  outcome?: string;
  scope?: string;
  contingentId?: string;
  authority?: string;
  rationale?: string;
  decidedAt?: string;
  revision: number;
}

async function decisionScene({ request, lookups, params }: FormLoad) {
  const decision = (await lookups.decision(request, params.decision)) as unknown as DecisionAnswer;
  return {
    record: {
      label: `decision: ${format.label(decision.outcome)} (${format.label(decision.status)})`,
      href: `/ui/audit?stream=${encodeURIComponent(`decision-${params.decision}`)}`,
    },
    stream: { id: `decision-${params.decision}`, revision: decision.revision },
    aside: [
      {
        heading: 'The decision',
        facts: [
          { term: 'Outcome', value: format.label(decision.outcome) },
          { term: 'Scope', value: format.label(decision.scope) },
          { term: 'Authority', value: decision.authority ?? '—' },
          { term: 'Rationale', value: decision.rationale ?? '—' },
          { term: 'Decided', value: format.dateTime(decision.decidedAt) },
          { term: 'Status', value: format.label(decision.status) },
        ],
      },
    ],
  };
}

/**
 * The decisions still only decided: repatriations not carried out (the follow-through's list)
 * and any decision answering a recommendation that is still only decided.
 */
async function decidedTargets({ request, reads, lookups }: Omit<FormLoad, 'params'>) {
  const [recommendations, followThrough] = await Promise.all([
    lookups.recommendations(reads, request),
    reads.read<FollowThroughSummary>(request, new FollowThroughQuery()),
  ]);
  const targets = new Map<string, string>();
  for (const d of followThrough.repatriationsNotImplemented.items) {
    if (d.status === 'decided')
      targets.set(d.decisionId, `${format.label(d.outcome)}: ${d.rationale}`);
  }
  for (const r of recommendations) {
    for (const d of (r as unknown as { decisions?: AnsweringDecision[] }).decisions ?? []) {
      if (d.status === 'decided' && !targets.has(d.decisionId)) {
        targets.set(d.decisionId, `${format.label(d.outcome)}: ${r.rationale}`);
      }
    }
  }
  return [...targets].map(([decision, label]) => ({
    label: label.length > 100 ? `${label.slice(0, 99)}…` : label,
    params: { decision },
  }));
}

const reasonSection: Section[] = [{ fields: [REASON_FIELD] }];

/** Decision authority: the repatriation was carried out (RepatriationImplemented). */
export const repatriationImplementationForm = defineForm({
  id: 'repatriation-implementation',
  title: 'Record the implementation',
  apiRoute: 'POST /decisions/:id/implementation',
  dto: ImplementRepatriationDto,
  params: ['decision'],
  targets: decidedTargets,
  async load(context) {
    return {
      ...(await decisionScene(context)),
      submitLabel: 'Record the implementation',
      sections: [
        {
          fields: [
            { name: 'implementedAt', label: 'Carried out at', kind: 'instant', hint: INSTANT_HINT },
            { name: 'note', label: 'Note', kind: 'textarea', optional: true },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context, params) => api.decisions.implement(params.decision, dto, context),
});

/** Decision authority: the decision is reversed, with a reason (RepatriationReversed). */
export const repatriationReversalForm = defineForm({
  id: 'repatriation-reversal',
  title: 'Reverse the decision',
  apiRoute: 'POST /decisions/:id/reversal',
  dto: ReasonDto,
  params: ['decision'],
  targets: decidedTargets,
  async load(context) {
    return {
      ...(await decisionScene(context)),
      submitLabel: 'Reverse the decision',
      sections: reasonSection,
    };
  },
  submit: (api, dto, context, params) => api.decisions.reverse(params.decision, dto, context),
});

/** Decision authority: the decision lapsed, with a reason (RepatriationLapsed). */
export const repatriationLapseForm = defineForm({
  id: 'repatriation-lapse',
  title: 'Record that the decision lapsed',
  apiRoute: 'POST /decisions/:id/lapse',
  dto: ReasonDto,
  params: ['decision'],
  targets: decidedTargets,
  async load(context) {
    return {
      ...(await decisionScene(context)),
      submitLabel: 'Record the lapse',
      sections: reasonSection,
    };
  },
  submit: (api, dto, context, params) => api.decisions.lapse(params.decision, dto, context),
});
