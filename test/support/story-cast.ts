import type { ConfiguredPrincipal } from '@blue-ledger/access';
import { principals } from './principals';

/** Kenya's permanent mission, for the Juba story: it answers for the Kenyan contingent. */
export const kenyaLiaison = {
  token: 'liaison-ken-token-0123456789',
  id: 'pm-ken',
  name: 'Permanent Mission of Kenya',
  roles: ['tcc_liaison'],
  country: 'KEN',
} satisfies ConfiguredPrincipal;

/** Gabon's permanent mission, for the MINUSCA story of 2021: it answers for the Gabonese battalion. */
export const gabonLiaison = {
  token: 'liaison-gab-token-0123456789',
  id: 'pm-gab',
  name: 'Permanent Mission of Gabon',
  roles: ['tcc_liaison'],
  country: 'GAB',
} satisfies ConfiguredPrincipal;

/** The usual cast of `principals.ts`, plus the liaisons only some stories need. */
export const storyPrincipalsEnv = (): string =>
  JSON.stringify([...Object.values(principals), kenyaLiaison, gabonLiaison]);
