import { SetMetadata } from '@nestjs/common';
import type { Role } from '@blue-ledger/domain';

export const ROLES_KEY = 'blue-ledger:roles';

/** The roles allowed on a route. Every route must declare them; the guard refuses one that does not. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const PUBLIC_KEY = 'blue-ledger:public';
/** A route that needs no credentials (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Every role that may read the whole ledger. */
export const READERS: Role[] = [
  'admin',
  'investigator',
  'decision_authority',
  'oversight',
  'reviewer',
];
