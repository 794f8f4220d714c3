import { OptionalInstant, OptionalPattern } from '../rendering/query-fields';

/** The follow-through page's state: mission, country, the instant. */
export class FollowThroughPageQuery {
  @OptionalPattern(/^[A-Z0-9-]{2,20}$/, 'mission must be a mission code, e.g. UNMISS')
  mission?: string;

  @OptionalPattern(/^[A-Z]{3}$/, 'country must be an ISO 3166-1 alpha-3 code, e.g. ETH')
  country?: string;

  @OptionalInstant()
  asOf?: string;
}
