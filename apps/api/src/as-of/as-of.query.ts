import { PageQuery } from '../http/page';
import { Instant } from '../http/validators';

const AS_OF =
  'The record as the ledger knew it at this instant of recorded time: the events recorded up ' +
  'to it, in global order, and nothing after (in the future: now; before the first event: ' +
  'nothing). The answer says the instant and the position it stands for (`asOf`, `asOfPosition`).';

/** `asOf`: read the record as known at an instant. */
export class AsOfQuery {
  @Instant({ optional: true, description: AS_OF, example: '2016-06-21T12:00:00Z' })
  asOf?: string;
}

/** `asOf`, `limit` and `after`. */
export class AsOfPageQuery extends PageQuery {
  @Instant({ optional: true, description: AS_OF, example: '2016-06-21T12:00:00Z' })
  asOf?: string;
}
