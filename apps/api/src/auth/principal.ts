import type { ActingPrincipal } from '@blue-ledger/access';
import type { Request } from 'express';

export type { ActingPrincipal, Principal } from '@blue-ledger/access';

/** A request that passed the access guard carries the principal it acts for. */
export interface AuthenticatedRequest extends Request {
  principal?: ActingPrincipal;
}
