import { PRINCIPAL_ID } from '@blue-ledger/access';
import { ROLES } from '@blue-ledger/domain';
import { CreatePrincipalDto } from '../../../access/principal.dto';
import { vocabulary } from '../machinery/choices';
import { defineForm, type FormAnswer } from '../machinery/form-definition';
import type { LedgerLookups, ListedPrincipal } from '../machinery/ledger-lookups';

/**
 * Admin: principals and their tokens (`POST /principals`, `POST /principals/:id/tokens`,
 * `DELETE /principals/:id/tokens`), through the API's own `PrincipalsController`.
 *
 * A token is shown once: as the answer to the POST that issued it, never stored, never in an
 * address, with `Cache-Control: no-store`. The API refuses an Idempotency-Key where a token is
 * issued, because a replayed answer would have to keep the token; the form's key keeps only
 * where a resubmission goes (`location`): a reload, the back button or a double submit of the
 * same form finds the key done and lands on the list of principals saying that the token was
 * shown once and is not shown again. Nothing is issued twice, and nothing is replayed.
 */

/** Where a principal's forms lead back to: its row in the list of principals. */
export const principalHref = (id: string) => `/ui/principals#principal-${id}`;

const PRINCIPAL_PARAM = {
  pattern: PRINCIPAL_ID,
  rule: 'a principal id (1-100 characters of [A-Za-z0-9._-])',
};

/** Live tokens of a principal of the store. */
export const liveTokens = (p: ListedPrincipal) =>
  (p.tokens ?? []).filter((t) => t.revokedAt === null).length;

const describePrincipal = (p: { id: string; name: string; roles: string[]; country?: string }) =>
  `${p.id}: ${p.name} (${p.roles.join(', ')}${p.country ? `, ${p.country}` : ''})`;

/** The principals of the store a form may act on (the configured ones change only in LEDGER_PRINCIPALS). */
const storeTargets =
  (keep: (p: ListedPrincipal) => boolean) =>
  async ({ lookups }: { lookups: LedgerLookups }) =>
    (await lookups.principals())
      .filter((p) => p.source === 'store' && keep(p))
      .map((p) => ({ label: describePrincipal(p), params: { principal: p.id } }));

/** The one answer that holds a token: shown now, and never again. */
function tokenShownOnce(
  principal: { id: string; name: string; roles: string[]; country?: string },
  token: { token: string; tokenId: string },
  created: boolean,
  location: string,
): FormAnswer {
  return {
    location,
    once: {
      template: 'forms/principals/token',
      title: created ? `Principal ${principal.id} created` : `New token for ${principal.id}`,
      model: { principal, token: token.token, tokenId: token.tokenId, created },
    },
  };
}

export const principalCreateForm = defineForm({
  id: 'principal-create',
  title: 'Create a principal',
  apiRoute: 'POST /principals',
  dto: CreatePrincipalDto,
  params: [],
  async load({ request, reads, lookups }) {
    const units = await lookups.units(reads, request);
    const countries = [...new Set(units.map((u) => u.country))].sort();
    return {
      record: { label: 'the principals', href: '/ui/principals' },
      intro:
        'A person or a system that signs in with a token. Its first token is shown once, on the next page: copy it then.',
      submitLabel: 'Create the principal and show its token',
      showsOnce: true,
      sections: [
        {
          fields: [
            {
              name: 'id',
              label: 'Principal id',
              kind: 'text',
              optional: true,
              hint: '1-100 characters of letters, digits and ._- (e.g. pm-ken); left empty, one is generated. The access log and the events name it by this id.',
            },
            { name: 'name', label: 'Name', kind: 'text', hint: 'e.g. Permanent Mission of Kenya.' },
            {
              name: 'roles',
              label: 'Roles',
              kind: 'checkboxes',
              choices: vocabulary(ROLES),
              hint: 'A request acts in the first of its roles the route allows.',
            },
            {
              name: 'country',
              label: 'Country of a liaison',
              kind: 'select',
              optional: true,
              choices: countries.map((c) => ({ value: c, label: c })),
              hint: 'Required for a TCC liaison: the contributing country whose units it answers for.',
            },
          ],
        },
      ],
    };
  },
  async submit(api, dto, _context, _params, principal, request) {
    const created = await api.principals.create(dto, principal, request);
    const { token, tokenId, ...shown } = created;
    return tokenShownOnce(
      shown,
      { token, tokenId },
      true,
      `/ui/principals?shown=${encodeURIComponent(created.id)}`,
    );
  },
});

/** No body: the principal is the address's. */
export class NoBodyDto {}

export const tokenIssueForm = defineForm({
  id: 'token-issue',
  title: 'Issue a new token',
  apiRoute: 'POST /principals/:id/tokens',
  dto: NoBodyDto,
  params: ['principal'],
  paramRule: PRINCIPAL_PARAM,
  targets: storeTargets(() => true),
  async load({ params }) {
    return {
      record: { label: params.principal, href: principalHref(params.principal) },
      intro:
        'Another token for this principal; its other tokens stay valid until revoked. The token is shown once, on the next page: copy it then.',
      submitLabel: 'Issue the token and show it once',
      showsOnce: true,
      sections: [],
    };
  },
  async submit(api, _dto, _context, params, _principal, request) {
    // Read before issuing: nothing that can fail comes between the token and its answer.
    const { items } = await api.principals.list();
    const principal = items.find((p) => p.id === params.principal) ?? {
      id: params.principal,
      name: params.principal,
      roles: [],
    };
    const issued = await api.principals.issue(params.principal, request);
    return tokenShownOnce(
      principal,
      issued,
      false,
      `/ui/principals?shown=${encodeURIComponent(params.principal)}`,
    );
  },
});

export const tokensRevokeForm = defineForm({
  id: 'tokens-revoke',
  title: 'Revoke every token of a principal',
  apiRoute: 'DELETE /principals/:id/tokens',
  dto: NoBodyDto,
  params: ['principal'],
  paramRule: PRINCIPAL_PARAM,
  targets: storeTargets((p) => liveTokens(p) > 0),
  pageFields: [
    {
      name: 'confirm',
      check: (value) =>
        value === 'true' ? undefined : 'must be ticked to revoke: every token stops at once',
    },
  ],
  async load({ params }) {
    return {
      record: { label: params.principal, href: principalHref(params.principal) },
      intro:
        'Every live token of this principal stops working at once: whoever uses one is refused from the next request. A new token can be issued afterwards.',
      submitLabel: 'Revoke every token',
      sections: [
        {
          fields: [
            {
              name: 'confirm',
              label: `Yes, revoke every token of ${params.principal} now.`,
              kind: 'boolean',
            },
          ],
        },
      ],
    };
  },
  async submit(api, _dto, _context, params) {
    const { revoked } = await api.principals.revoke(params.principal);
    return {
      location: `/ui/principals?revoked=${encodeURIComponent(params.principal)}&count=${revoked}`,
    };
  },
});
