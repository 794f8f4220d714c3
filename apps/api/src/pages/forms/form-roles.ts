import type { Role } from '@blue-ledger/domain';
import { PERMISSIONS } from '../../access/permissions';
import { FORMS } from './form-catalogue';

/** Every role that some web form writes in (by the permission table's entry for its API route). */
export const FORM_ROLES: ReadonlySet<string> = new Set(
  FORMS.flatMap((form) => {
    const allowed = PERMISSIONS[form.apiRoute];
    return Array.isArray(allowed) ? (allowed as Role[]) : [];
  }),
);
