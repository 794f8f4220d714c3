import { DECISION_OUTCOMES, DECISION_SCOPES, REPATRIATION_ACTIONS } from '@blue-ledger/domain';
import { DecideRepatriationDto } from '../../../decisions/decision.dto';
import { ProblemException } from '../../../problems/problem.exception';
import { format } from '../../rendering/format';
import { INSTANT_HINT, short, unitChoices, vocabulary } from '../machinery/choices';
import { defineForm, type AsideBlock } from '../machinery/form-definition';

/**
 * Decision authority: decide on a recommendation (RepatriationDecided), with the findings and
 * the recommendation it answers beside the form. Retaining or deferring against a
 * recommendation to repatriate must say why (the API's rule, refused beside its field).
 */
export const repatriationDecisionForm = defineForm({
  id: 'repatriation-decision',
  title: 'Decide on a recommendation',
  apiRoute: 'POST /decisions',
  dto: DecideRepatriationDto,
  params: ['recommendation'],
  fixed: (params) => ({ recommendationId: params.recommendation }),
  async targets({ request, reads, lookups }) {
    const undecided = await lookups.recommendations(reads, request, 'undecided');
    // Only a recommendation to repatriate (or relieve) is answered by a repatriation decision.
    const repatriations = undecided.filter((r) =>
      (REPATRIATION_ACTIONS as readonly string[]).includes(r.action),
    );
    return repatriations.map((r) => ({
      label: `${format.label(r.action)}: ${short(r.rationale)}`,
      params: { recommendation: r.recommendationId },
    }));
  },
  async load({ request, reads, lookups, params, principal }) {
    const all = await lookups.recommendations(reads, request);
    const recommendation = all.find((r) => r.recommendationId === params.recommendation);
    if (!recommendation) {
      throw new ProblemException(
        404,
        'recommendation_not_found',
        `No recommendation ${params.recommendation} is recorded.`,
      );
    }
    const investigation = await lookups.investigation(request, recommendation.investigationId);
    const units = await lookups.units(reads, request);
    const unitName = units.find((u) => u.contingentId === recommendation.contingentId);
    const aside: AsideBlock[] = [
      {
        heading: `Recommendation: ${format.label(recommendation.action)}`,
        facts: [
          { term: 'Investigation', value: investigation.title },
          { term: 'Unit', value: unitName ? `${unitName.designation} (${unitName.country})` : '—' },
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
                    .map((a) =>
                      a.contingentId
                        ? `${format.label(a.level)} (${units.find((u) => u.contingentId === a.contingentId)?.designation ?? a.contingentId})`
                        : format.label(a.level),
                    )
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
      record: {
        label: `recommendation: ${short(recommendation.rationale, 60)}`,
        href: `/ui/investigations/${recommendation.investigationId}`,
      },
      intro:
        'Repatriate, retain or defer. The findings and the recommendation this decision answers are shown beside the form.',
      submitLabel: 'Record the decision',
      aside,
      defaults: {
        ...(recommendation.contingentId ? { contingentId: recommendation.contingentId } : {}),
        authority: principal.name,
      },
      sections: [
        {
          fields: [
            { name: 'contingentId', label: 'Unit', kind: 'select', choices: unitChoices(units) },
            { name: 'scope', label: 'Scope', kind: 'select', choices: vocabulary(DECISION_SCOPES) },
            {
              name: 'outcome',
              label: 'Outcome',
              kind: 'select',
              choices: vocabulary(DECISION_OUTCOMES),
            },
            { name: 'authority', label: 'Authority', kind: 'text' },
            { name: 'rationale', label: 'Rationale', kind: 'textarea' },
            {
              name: 'reasonForDeviation',
              label: 'Why retain or defer against a recommendation to repatriate',
              kind: 'textarea',
              optional: true,
              hint: 'Required when the outcome departs from a recommendation to repatriate.',
            },
            {
              name: 'subjectIds',
              label: 'Individuals, by subject id',
              kind: 'lines',
              optional: true,
              hint: 'With scope commander or individuals; one a line.',
            },
            {
              name: 'decidedAt',
              label: 'Decided at',
              kind: 'instant',
              optional: true,
              hint: `${INSTANT_HINT} Empty: now.`,
            },
          ],
        },
      ],
    };
  },
  submit: (api, dto, context) => api.decisions.decide(dto, context),
});
