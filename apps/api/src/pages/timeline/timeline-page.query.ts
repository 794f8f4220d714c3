import { OptionalChoice, OptionalCount, OptionalInstant } from '../rendering/query-fields';

export const REPLAY_ORDERS = ['occurred', 'recorded'] as const;

/**
 * The replay's state, all of it in the address: the order, the instant shown (a step of the
 * record as it became known, or any instant), and whether what was not yet known is shown.
 */
export class TimelinePageQuery {
  @OptionalChoice(REPLAY_ORDERS)
  order?: (typeof REPLAY_ORDERS)[number];

  @OptionalInstant()
  asOf?: string;

  @OptionalCount(1_000_000)
  step?: number;

  @OptionalChoice(['show'])
  unknown?: 'show';
}
