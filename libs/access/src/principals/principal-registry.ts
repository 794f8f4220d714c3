import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfiguredPrincipal, Principal } from './principal';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Principals known to the ledger, looked up by bearer token. Tokens are held only as
 * SHA-256 digests and compared in constant time.
 */
export class PrincipalRegistry {
  private readonly byDigest = new Map<string, { digest: Buffer; principal: Principal }>();
  private readonly byId = new Map<string, Principal>();

  constructor(principals: ConfiguredPrincipal[]) {
    for (const { token, ...principal } of principals) {
      const digest = sha256(token);
      this.byDigest.set(digest.toString('hex'), { digest, principal });
      this.byId.set(principal.id, principal);
    }
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** A configured principal by id, without its token. */
  get(id: string): Principal | undefined {
    return this.byId.get(id);
  }

  /** The configured principals, without their tokens. */
  list(): Principal[] {
    return [...this.byId.values()];
  }

  authenticate(token: string): Principal | undefined {
    const digest = sha256(token);
    const entry = this.byDigest.get(digest.toString('hex'));
    return entry && timingSafeEqual(entry.digest, digest) ? entry.principal : undefined;
  }

  /**
   * With no LEDGER_PRINCIPALS, the first start creates an admin principal and keeps it in the
   * data directory (mode 0600); later starts reuse it. `created` tells the caller to show the token.
   */
  static bootstrapAdmin(dataDir: string): { principal: ConfiguredPrincipal; created: boolean } {
    const file = path.join(dataDir, 'admin-principal.json');
    if (fs.existsSync(file)) {
      return {
        principal: JSON.parse(fs.readFileSync(file, 'utf8')) as ConfiguredPrincipal,
        created: false,
      };
    }
    const principal: ConfiguredPrincipal = {
      token: randomBytes(32).toString('base64url'),
      id: 'admin',
      name: 'Ledger administrator',
      roles: ['admin'],
    };
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(principal, null, 2), { mode: 0o600, flag: 'wx' });
    return { principal, created: true };
  }
}
