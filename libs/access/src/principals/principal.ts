import type { Role } from '@blue-ledger/domain';

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

/** A principal given in the configuration (`LEDGER_PRINCIPALS`), with its bearer token. */
export interface ConfiguredPrincipal extends Principal {
  token: string;
}

/** A principal's id: what tokens (`bl_<id>.<secret>`), the access log and events name it by. */
export const PRINCIPAL_ID = /^[A-Za-z0-9._-]{1,100}$/;
