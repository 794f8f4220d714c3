import {
  OptionalChoice,
  OptionalDay,
  OptionalInstant,
  OptionalPattern,
} from '../rendering/query-fields';
import { RATE_FIGURES } from './fairness-view';

/** The fairness page's state: mission, period, the figure charted, the instant. */
export class FairnessPageQuery {
  @OptionalPattern(/^[A-Z0-9-]{2,20}$/, 'mission must be a mission code, e.g. UNMISS')
  mission?: string;

  @OptionalDay()
  from?: string;

  @OptionalDay()
  to?: string;

  @OptionalChoice(Object.keys(RATE_FIGURES))
  figure?: string;

  @OptionalInstant()
  asOf?: string;
}

/** The tables the page offers as CSV. */
export const CSV_TABLES = ['countries', 'shared', 'common', 'timeliness'] as const;

export class FairnessCsvQuery extends FairnessPageQuery {
  @OptionalChoice(CSV_TABLES)
  table?: string;
}
