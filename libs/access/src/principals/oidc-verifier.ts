import { ROLES, type Role } from '@blue-ledger/domain';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Principal } from './principal';

/** Optional OpenID Connect: bearer JWTs from an external identity provider. */
export interface OidcConfig {
  issuer: string;
  jwksUrl: string;
  /** Where the roles are in the token's claims; a dotted path, e.g. `realm_access.roles`. */
  rolesClaim: string;
  /** The claim holding a liaison's country (ISO 3166-1 alpha-3). */
  countryClaim: string;
  audience?: string;
}

const COUNTRY = /^[A-Z]{3}$/;

/**
 * Bearer JWTs from an external identity provider: signature by a key of the issuer's JWKS,
 * issuer (and audience, when configured), expiry; the roles claim maps onto the ledger's roles
 * (unknown ones are ignored). A liaison needs a country claim; a token with no ledger role is
 * not a principal of the ledger.
 */
export class OidcVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: OidcConfig) {
    this.keys = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  async verify(token: string): Promise<Principal | undefined> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        ...(this.config.audience && { audience: this.config.audience }),
      }));
    } catch {
      return undefined;
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) return undefined;
    const country = claimAt(payload, this.config.countryClaim);
    const roles = rolesIn(claimAt(payload, this.config.rolesClaim)).filter(
      (role) => role !== 'tcc_liaison' || (typeof country === 'string' && COUNTRY.test(country)),
    );
    if (roles.length === 0) return undefined;
    const name = typeof payload.name === 'string' ? payload.name : payload.sub;
    return {
      id: `oidc:${payload.sub}`,
      name,
      roles,
      ...(roles.includes('tcc_liaison') && { country: country as string }),
    };
  }
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      payload,
    );
}

/** A list of roles, or one space-separated string of them (as `scope` is). */
function rolesIn(claim: unknown): Role[] {
  const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
  return ROLES.filter((role) => names.includes(role));
}
