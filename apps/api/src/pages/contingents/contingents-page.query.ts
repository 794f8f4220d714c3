import {
  OptionalCount,
  OptionalInstant,
  OptionalPattern,
  OptionalText,
} from '../rendering/query-fields';

/** The unit list's state, all of it in the address: filters, page, the instant. */
export class ContingentsPageQuery {
  @OptionalPattern(/^[A-Z]{3}$/, 'country must be an ISO 3166-1 alpha-3 code, e.g. ETH')
  country?: string;

  @OptionalPattern(/^[A-Z0-9-]{2,20}$/, 'mission must be a mission code, e.g. UNMISS')
  mission?: string;

  @OptionalInstant()
  asOf?: string;

  @OptionalText(60)
  after?: string;

  @OptionalCount(200)
  limit?: number;
}
