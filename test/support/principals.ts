import type { ConfiguredPrincipal } from '@blue-ledger/access';

/** The cast of the end-to-end stories: one principal per role, and two liaisons. */
export const principals = {
  admin: { token: 'admin-token-0123456789', id: 'admin-1', name: 'Ledger admin', roles: ['admin'] },
  investigator: {
    token: 'investigator-token-0123456789',
    id: 'inv-boi',
    name: 'Board of Inquiry investigator',
    roles: ['investigator'],
  },
  investigator2: {
    token: 'investigator2-token-0123456789',
    id: 'inv-mission',
    name: 'Mission investigation team',
    roles: ['investigator'],
  },
  decider: {
    token: 'decider-token-0123456789',
    id: 'usg-dpo',
    name: 'Under-Secretary-General for Peace Operations',
    roles: ['decision_authority'],
  },
  oversight: {
    token: 'oversight-token-0123456789',
    id: 'oios-1',
    name: 'OIOS auditor',
    roles: ['oversight'],
  },
  reviewer: {
    token: 'reviewer-token-0123456789',
    id: 'rev-1',
    name: 'Reviewer',
    roles: ['reviewer'],
  },
  liaisonMRT: {
    token: 'liaison-mrt-token-0123456789',
    id: 'pm-mrt',
    name: 'Permanent Mission of Mauritania',
    roles: ['tcc_liaison'],
    country: 'MRT',
  },
  liaisonETH: {
    token: 'liaison-eth-token-0123456789',
    id: 'pm-eth',
    name: 'Permanent Mission of Ethiopia',
    roles: ['tcc_liaison'],
    country: 'ETH',
  },
} satisfies Record<string, ConfiguredPrincipal>;

export type PrincipalName = keyof typeof principals;

export const principalsEnv = (): string => JSON.stringify(Object.values(principals));
