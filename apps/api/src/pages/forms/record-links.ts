import { PERMISSIONS } from '../../access/permissions';
import type { Principal } from '../../auth/principal';
import { formById } from './form-catalogue';

/** A link from a record's page to a form that acts on it. */
export interface RecordLink {
  href: string;
  label: string;
}

/**
 * The links from a record's page to the forms that act on it, for the forms whose API route the
 * permission table lets one of the principal's roles write in (as the list of forms decides).
 */
export function recordLinks(
  principal: Pick<Principal, 'roles'> | undefined,
  wanted: { formId: string; params: Record<string, string>; label?: string }[],
): RecordLink[] {
  if (!principal) return [];
  return wanted.flatMap(({ formId, params, label }) => {
    const form = formById(formId);
    const allowed = form ? PERMISSIONS[form.apiRoute] : undefined;
    if (!form || !Array.isArray(allowed)) return [];
    if (!principal.roles.some((role) => (allowed as string[]).includes(role))) return [];
    const query = new URLSearchParams(params).toString();
    return [
      { href: `/ui/forms/${form.id}${query ? `?${query}` : ''}`, label: label ?? form.title },
    ];
  });
}
