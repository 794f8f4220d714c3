import type { Actor } from '@blue-ledger/event-store';

/** The principals of the generated ledger; the first investigator is the one the HTTP load uses. */
export const INVESTIGATORS = ['investigator-1', 'investigator-2', 'investigator-3'];

export const actors = {
  admin: { id: 'admin', role: 'admin' },
  investigator: (id: string): Actor => ({ id, role: 'investigator' }),
  decisionAuthority: { id: 'usg-dpo', role: 'decision_authority' },
  liaison: (country: string): Actor => ({ id: `liaison-${country}`, role: 'tcc_liaison' }),
} as const;

/** LEDGER_PRINCIPALS of the server under load: one investigator writing, one reviewer reading. */
export const HTTP_PRINCIPALS = {
  investigator: { token: 'bench-investigator-token-000000', id: INVESTIGATORS[0] },
  reviewer: { token: 'bench-reviewer-token-00000000000', id: 'reviewer' },
};

export function principalsEnv(): string {
  return JSON.stringify([
    {
      ...HTTP_PRINCIPALS.investigator,
      name: 'Bench investigator',
      roles: ['investigator'],
    },
    { ...HTTP_PRINCIPALS.reviewer, name: 'Bench reviewer', roles: ['reviewer'] },
  ]);
}
