import {
  decisionDecider,
  streamIds,
  type DecisionScope,
  type RecommendationAction,
} from '@blue-ledger/domain';
import { actors } from './bench-principals';
import { notifyCountry } from './contingent-facts';
import { DECISION_OUTCOMES } from './domain-proportions';
import type { Story, World } from './story-step';

const SCOPE_OF: Partial<Record<RecommendationAction, DecisionScope>> = {
  repatriate_unit: 'unit',
  repatriate_commander: 'commander',
  repatriate_individuals: 'individuals',
};

/**
 * A decision authority answers a recommendation to repatriate: repatriate, or retain or defer
 * with a reason; then the decision is carried out, lapses, is reversed, or just stands.
 */
export function* decisionStory(
  world: World,
  investigationId: string,
  recommendation: { recommendationId: string; action: RecommendationAction; unit: string },
): Story {
  const { rnd } = world;
  const outcome = rnd.weighted(DECISION_OUTCOMES);
  const scope = SCOPE_OF[recommendation.action] as DecisionScope;
  let stream = '';
  yield (w) => {
    const decisionId = rnd.uuid(w.nowMs);
    stream = streamIds.decision(decisionId);
    return w.apply(stream, decisionDecider, {
      type: 'DecideRepatriation',
      data: {
        decisionId,
        recommendation: {
          recommendationId: recommendation.recommendationId,
          investigationId,
          action: recommendation.action,
          contingentId: recommendation.unit,
        },
        contingentId: recommendation.unit,
        scope,
        outcome,
        authority: 'Under-Secretary-General for Peace Operations',
        rationale: 'On the findings and the recommendation of the investigation',
        ...(outcome !== 'repatriate' && {
          reasonForDeviation:
            'The contributing country asked to complete its national investigation first',
        }),
        ...(scope === 'individuals' && { subjectIds: [rnd.uuid(w.nowMs)] }),
        decidedAt: w.now,
      },
      meta: w.meta(actors.decisionAuthority),
    });
  };
  if (rnd.chance(0.5)) yield* notifyCountry(world, recommendation.unit, stream);
  const roll = rnd.next();
  if (outcome === 'repatriate' && roll < 0.55) {
    yield (w) =>
      w.apply(stream, decisionDecider, {
        type: 'ImplementRepatriation',
        data: { implementedAt: w.now, note: 'Rotated out at the end of the month' },
        meta: w.meta(actors.decisionAuthority),
      });
  } else if (roll < 0.75) {
    yield (w) =>
      w.apply(stream, decisionDecider, {
        type: 'LapseRepatriation',
        data: { reason: 'The rotation ended before the decision was carried out' },
        meta: w.meta(actors.decisionAuthority),
      });
  } else if (roll < 0.8) {
    yield (w) =>
      w.apply(stream, decisionDecider, {
        type: 'ReverseRepatriation',
        data: { reason: 'Reversed on appeal by the contributing country' },
        meta: w.meta(actors.decisionAuthority),
      });
  }
  return [stream];
}
