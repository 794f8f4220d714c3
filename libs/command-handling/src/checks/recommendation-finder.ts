import {
  investigationDecider,
  RuleViolation,
  streamIds,
  type RecommendationToAnswer,
} from '@blue-ledger/domain';
import type { AggregateReader } from '../aggregate-reader';

/** Where a recommendation lives: the read model knows its investigation. */
export interface RecommendationLocator {
  investigationOf(recommendationId: string): Promise<string | undefined>;
}

/**
 * Finds the recommendation a decision answers. The read model says which investigation holds
 * it; the investigation's own stream, folded, is the authority on what it says.
 */
export class RecommendationFinder {
  constructor(
    private readonly locator: RecommendationLocator,
    private readonly reader: AggregateReader,
  ) {}

  /** The recommendation as its investigation records it; 422 `unknown_recommendation` if none. */
  async find(recommendationId: string, field: string): Promise<RecommendationToAnswer> {
    const investigationId = await this.locator.investigationOf(recommendationId);
    const found =
      investigationId && (await this.inInvestigation(investigationId, recommendationId));
    if (!found) throw unknown(recommendationId, field);
    return found;
  }

  /** That `answered` is what its investigation records, as `find` would have described it. */
  async verify(answered: RecommendationToAnswer, field: string): Promise<void> {
    const found = await this.inInvestigation(answered.investigationId, answered.recommendationId);
    if (!found) throw unknown(answered.recommendationId, field);
    if (
      found.action !== answered.action ||
      found.contingentId !== answered.contingentId ||
      found.appointmentId !== answered.appointmentId
    ) {
      throw new RuleViolation(
        'recommendation_mismatch',
        `recommendation ${answered.recommendationId} does not say what the decision claims it says`,
        field,
      );
    }
  }

  private async inInvestigation(
    investigationId: string,
    recommendationId: string,
  ): Promise<RecommendationToAnswer | undefined> {
    const { state } = await this.reader.load(
      streamIds.investigation(investigationId),
      investigationDecider,
    );
    const recommendation =
      'recommendations' in state ? state.recommendations.get(recommendationId) : undefined;
    if (!recommendation) return undefined;
    return {
      recommendationId,
      investigationId,
      action: recommendation.action,
      ...(recommendation.contingentId && { contingentId: recommendation.contingentId }),
      ...(recommendation.appointmentId && { appointmentId: recommendation.appointmentId }),
    };
  }
}

const unknown = (recommendationId: string, field: string) =>
  new RuleViolation(
    'unknown_recommendation',
    `no recommendation ${recommendationId} was issued`,
    field,
  );
