import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/principal';
import { isPageRequest, PageAccess } from '../pages/sessions/page-access';
import { ProblemException } from '../problems/problem.exception';
import { ACCESS_CONFIG, type AccessConfig } from '@blue-ledger/runtime';
import { PERMISSIONS, PUBLIC } from './permissions';
import { PrincipalAuthenticator } from '@blue-ledger/access';
import { AuthenticationThrottle } from './authentication-throttle';
import { RateLimiter } from './rate-limiter';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/;

/** `METHOD /route/:pattern` of the request, as Express matched it. */
export function routeKeyOf(request: AuthenticatedRequest): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return `${request.method} ${typeof route === 'string' ? route : request.path}`;
}

/**
 * Every request passes here: the route's entry in the permission table, the bearer token's
 * principal, its rate limit, and the role it acts in. A route without an entry is refused.
 * Failed authentications are counted per address and per token prefix (AuthenticationThrottle).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly authenticator: PrincipalAuthenticator,
    private readonly limiter: RateLimiter,
    @Inject(ACCESS_CONFIG) private readonly config: AccessConfig,
    private readonly pages: PageAccess,
    private readonly throttle: AuthenticationThrottle,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const allowed = PERMISSIONS[routeKeyOf(request)];
    if (allowed === undefined) {
      throw new ProblemException(403, 'forbidden', 'No role may call this route.');
    }
    // The web pages: the same table, the principal from the session cookie, CSRF on every POST.
    if (isPageRequest(request)) return this.pages.admit(request, allowed);
    if (allowed === PUBLIC) return true;

    const { perPrincipal, windowSeconds } = this.config.rateLimit;
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    const principal = await this.throttle.authenticate(address, token, (t) =>
      this.authenticator.authenticate(t),
    );
    await this.limiter.hit(`principal:${principal.id}`, perPrincipal, windowSeconds);

    const actingRole = allowed.find((role) => principal.roles.includes(role));
    if (!actingRole) {
      throw new ProblemException(403, 'forbidden', 'Your roles do not allow this request.');
    }
    request.principal = { ...principal, actingRole };
    return true;
  }
}
