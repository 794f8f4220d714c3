import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@blue-ledger/domain';
import { ACCESS_CONFIG, type AccessConfig } from '@blue-ledger/runtime';
import { PUBLIC } from '../../access/permissions';
import { RateLimiter } from '../../access/rate-limiter';
import type { AuthenticatedRequest } from '../../auth/principal';
import { ProblemException } from '../../problems/problem.exception';
import { Csrf } from '../security/csrf';
import { PageSessions, sessionCookieOf } from './page-sessions';

/** A page request that passed the access guard: its principal, and the session it came with. */
export interface PageRequest extends AuthenticatedRequest {
  sessionId?: string;
  /** The position of the session's last write through a form: the page waits for it. */
  lastWritePosition?: bigint;
}

export const isPageRequest = (request: AuthenticatedRequest): boolean =>
  request.path === '/ui' || request.path.startsWith('/ui/');

/**
 * The access guard's way in for the web pages: the same permission table as the JSON API, the
 * principal from the session cookie instead of a bearer token, and CSRF checked first on every
 * POST (before the session, the role or the body are looked at).
 */
@Injectable()
export class PageAccess {
  constructor(
    private readonly sessions: PageSessions,
    private readonly csrf: Csrf,
    private readonly limiter: RateLimiter,
    @Inject(ACCESS_CONFIG) private readonly config: AccessConfig,
  ) {}

  async admit(request: PageRequest, allowed: readonly Role[] | typeof PUBLIC): Promise<boolean> {
    if (request.method === 'POST' && !this.csrf.isValid(request)) {
      throw new ProblemException(
        403,
        'csrf_failed',
        'The form was not sent from a page of this ledger, or it is too old (for example after signing in or out elsewhere). Nothing was changed. Go back, reload the page and send the form again.',
      );
    }
    const live = await this.sessions.resolve(request);
    if (allowed === PUBLIC) {
      if (live) {
        request.principal = { ...live.principal, actingRole: live.principal.roles[0] };
        request.sessionId = live.sessionId;
        request.lastWritePosition = live.session.lastWritePosition ?? undefined;
      }
      return true;
    }
    if (!live) {
      throw new ProblemException(
        401,
        sessionCookieOf(request) ? 'session_ended' : 'session_required',
        'Sign in to see this page.',
      );
    }
    const { perPrincipal, windowSeconds } = this.config.rateLimit;
    await this.limiter.hit(`principal:${live.principal.id}`, perPrincipal, windowSeconds);
    const actingRole = allowed.find((role) => live.principal.roles.includes(role));
    request.principal = { ...live.principal, actingRole: actingRole ?? live.principal.roles[0] };
    request.sessionId = live.sessionId;
    request.lastWritePosition = live.session.lastWritePosition ?? undefined;
    if (!actingRole) {
      throw new ProblemException(403, 'forbidden', 'Your role does not give access to this page.');
    }
    return true;
  }
}
