import type { Request, Response } from 'express';
import type { ActingPrincipal, AuthenticatedRequest } from '../../auth/principal';
import { FORM_ROLES } from '../forms/form-roles';
import { PERMISSIONS, PUBLIC } from '../../access/permissions';
import type { Csrf } from '../security/csrf';
import type { ReadBehind } from '../../read-position/read-position';
import type { ReadPositionRequest } from '../../read-position/read-position.interceptor';

/** The main sections, in the order the navigation shows them. */
export const SECTIONS = [
  { id: 'home', label: 'Overview', href: '/ui' },
  { id: 'incidents', label: 'Incidents', href: '/ui/incidents' },
  { id: 'contingents', label: 'Units', href: '/ui/contingents' },
  { id: 'follow-through', label: 'Follow-through', href: '/ui/follow-through' },
  { id: 'fairness', label: 'Fairness', href: '/ui/fairness' },
  { id: 'audit', label: 'Audit trail', href: '/ui/audit' },
  { id: 'integrity', label: 'Integrity', href: '/ui/integrity' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'] | 'none';

export interface Crumb {
  label: string;
  href?: string;
}

/** What the layout shows around every page: where you are, who you are, the record's time. */
export interface LayoutContext {
  title: string;
  section: SectionId;
  crumbs: Crumb[];
  principal: ActingPrincipal | undefined;
  /** The role as people read it, e.g. "Oversight body". */
  roleLabel: string | undefined;
  csrfToken: string;
  /** The instant the record is shown as known at, when the reader chose one. */
  asOf: string | undefined;
  /** The same page as the record stands now (the banner's way back). */
  nowHref: string | undefined;
  sections: readonly (typeof SECTIONS)[number][];
  /** The principal has a role some web form writes in: the navigation offers "Record". */
  mayRecord: boolean;
  /**
   * The page was rendered before this instance's read models held the session's last write
   * (waited `LEDGER_READ_WAIT_MS` for it): it may not show that change yet, and says so.
   */
  readBehind: ReadBehind | undefined;
}

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  investigator: 'Investigator',
  decision_authority: 'Decision authority',
  oversight: 'Oversight body',
  reviewer: 'Reviewer',
  tcc_liaison: 'Contributing-country liaison',
};

export function layoutFor(
  request: Request,
  response: Response,
  csrf: Csrf,
  page: { title: string; section: SectionId; crumbs?: Crumb[]; asOf?: string; nowHref?: string },
): LayoutContext {
  const principal = (request as AuthenticatedRequest).principal;
  return {
    title: page.title,
    section: page.section,
    crumbs: page.crumbs ?? [],
    principal,
    roleLabel: principal && (ROLE_LABELS[principal.actingRole] ?? principal.actingRole),
    csrfToken: csrf.token(request, response),
    asOf: page.asOf,
    nowHref: page.nowHref,
    // Only the sections the reader's role may open (the fairness page is not for every reader).
    sections: SECTIONS.filter((s) => {
      const allowed = PERMISSIONS[`GET ${s.href}`];
      return (
        allowed === undefined ||
        allowed === PUBLIC ||
        (principal !== undefined && allowed.includes(principal.actingRole))
      );
    }),
    mayRecord: !!principal && principal.roles.some((role) => FORM_ROLES.has(role)),
    readBehind: (request as ReadPositionRequest).readBehind,
  };
}
