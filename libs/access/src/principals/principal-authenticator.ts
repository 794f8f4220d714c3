import { createHash, randomBytes } from 'node:crypto';
import { hashSecret, verifySecret } from '../tokens/secret-hash';
import { looksLikeJwt, parseToken } from '../tokens/principal-token';
import type { Principal } from './principal';
import type { PrincipalRegistry } from './principal-registry';
import type { OidcVerifier } from './oidc-verifier';
import type { PrincipalStore } from './principal-store';

const MAX_VERIFIED = 10_000;
/** A hash no secret matches, checked for token ids that do not exist. */
const UNKNOWN_TOKEN_HASH = hashSecret(randomBytes(32).toString('base64url'));
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Who a bearer token belongs to: a configured principal (LEDGER_PRINCIPALS or the bootstrap
 * admin), a principal of the store (`bl_<id>.<secret>`, checked against its scrypt hash), or,
 * when an identity provider is configured, a JWT it signed. A store token's secret is checked
 * with scrypt once per process; after that a digest of it is remembered, but whether the token
 * is still live is read from the store on every request, so a revocation (even by the offline
 * CLI) takes effect at once.
 */
export class PrincipalAuthenticator {
  private readonly verified = new Map<string, string>();

  constructor(
    private readonly configured: PrincipalRegistry,
    private readonly store: PrincipalStore,
    private readonly oidc?: OidcVerifier,
  ) {}

  async authenticate(token: string): Promise<Principal | undefined> {
    if (this.oidc && looksLikeJwt(token)) return this.oidc.verify(token);
    return this.configured.authenticate(token) ?? (await this.fromStore(token));
  }

  private async fromStore(token: string): Promise<Principal | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    const live = await this.store.liveToken(parsed.tokenId);
    if (!live) {
      // As long as checking a real one: the time taken does not tell which token ids exist.
      verifySecret(parsed.secret, UNKNOWN_TOKEN_HASH);
      return undefined;
    }
    if (this.verified.get(parsed.tokenId) === digest(parsed.secret)) return live.principal;
    if (!verifySecret(parsed.secret, live.secretHash)) return undefined;
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(parsed.tokenId, digest(parsed.secret));
    return live.principal;
  }
}
