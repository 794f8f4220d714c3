import { INCIDENT_CATEGORIES } from '@blue-ledger/domain';
import { INCIDENT_ORDERS } from '@blue-ledger/projections';
import {
  OptionalChoice,
  OptionalCount,
  OptionalDay,
  OptionalInstant,
  OptionalPattern,
  OptionalText,
} from '../rendering/query-fields';

export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** The incident list's state, all of it in the address: filters, order, page, the instant. */
export class IncidentsPageQuery {
  @OptionalPattern(/^[A-Z0-9-]{2,20}$/, 'mission must be a mission code, e.g. UNMISS')
  mission?: string;

  @OptionalChoice(INCIDENT_CATEGORIES)
  category?: (typeof INCIDENT_CATEGORIES)[number];

  @OptionalChoice(INCIDENT_STATUSES)
  status?: (typeof INCIDENT_STATUSES)[number];

  @OptionalPattern(/^[0-9a-fA-F-]{36}$/, 'contingent must be a contingent id')
  contingent?: string;

  @OptionalDay()
  occurredFrom?: string;

  @OptionalDay()
  occurredTo?: string;

  @OptionalDay()
  recordedFrom?: string;

  @OptionalDay()
  recordedTo?: string;

  @OptionalInstant()
  asOf?: string;

  @OptionalChoice(INCIDENT_ORDERS)
  order?: (typeof INCIDENT_ORDERS)[number];

  @OptionalText(60)
  after?: string;

  @OptionalCount(200)
  limit?: number;
}
