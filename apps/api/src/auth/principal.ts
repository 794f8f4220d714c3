import type { Role } from '@blue-ledger/domain';
import type { Request } from 'express';

export interface Principal {
  id: string;
  name: string;
  roles: Role[];
  country?: string;
}

/** The role a request acts in: the first of the principal's roles that the route allows. */
export interface ActingPrincipal extends Principal {
  actingRole: Role;
}

/** A request that passed the access guard carries the principal it acts for. */
export interface AuthenticatedRequest extends Request {
  principal?: ActingPrincipal;
}
