import { OptionalInstant } from '../rendering/query-fields';

/** The incident page's state: the instant the record is shown as known at (none: now). */
export class IncidentPageQuery {
  @OptionalInstant()
  asOf?: string;
}
