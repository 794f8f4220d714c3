import { Inject, Injectable } from '@nestjs/common';
import {
  investigationDecider,
  RuleViolation,
  streamIds,
  type AnsweredRecommendation,
} from '@blue-ledger/domain';
import { AggregateReader } from './command-executor';

/** Where a recommendation lives: the read model knows its investigation. */
export interface RecommendationLocator {
  investigationOf(recommendationId: string): Promise<string | undefined>;
}
export const RECOMMENDATION_LOCATOR = Symbol('RECOMMENDATION_LOCATOR');

/**
 * Finds the recommendation a decision answers. The read model says which investigation holds
 * it; the investigation's own stream, folded, is the authority on what it says.
 */
@Injectable()
export class RecommendationFinder {
  constructor(
    @Inject(RECOMMENDATION_LOCATOR) private readonly locator: RecommendationLocator,
    private readonly reader: AggregateReader,
  ) {}

  async find(
    recommendationId: string,
    field: string,
  ): Promise<AnsweredRecommendation & { contingentId?: string }> {
    const investigationId = await this.locator.investigationOf(recommendationId);
    if (investigationId) {
      const { state } = await this.reader.load(
        streamIds.investigation(investigationId),
        investigationDecider,
      );
      const recommendation =
        'recommendations' in state ? lookup(state.recommendations, recommendationId) : undefined;
      if (recommendation) {
        return {
          recommendationId,
          investigationId,
          action: recommendation.action,
          ...(recommendation.contingentId && { contingentId: recommendation.contingentId }),
        };
      }
    }
    throw new RuleViolation(
      'unknown_recommendation',
      `no recommendation ${recommendationId} was issued`,
      field,
    );
  }
}

type RecommendationView = { action: AnsweredRecommendation['action']; contingentId?: string };

function lookup(recommendations: unknown, id: string): RecommendationView | undefined {
  if (recommendations instanceof Map)
    return recommendations.get(id) as RecommendationView | undefined;
  if (Array.isArray(recommendations)) {
    return (recommendations as Array<RecommendationView & { recommendationId: string }>).find(
      (r) => r.recommendationId === id,
    );
  }
  return (recommendations as Record<string, RecommendationView> | undefined)?.[id];
}
