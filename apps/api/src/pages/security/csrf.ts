import { Inject, Injectable } from '@nestjs/common';
import { doubleCsrf } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { sessionCookieOf } from '../sessions/page-sessions';
import { SESSION_SECRET } from '../sessions/session-secret';

export const CSRF_COOKIE = 'bl_csrf';
export const PRESESSION_COOKIE = 'bl_presession';
export const CSRF_FIELD = '_csrf';

interface CsrfRequest extends Request {
  presessionId?: string;
}

/**
 * CSRF protection for every form that changes anything, sign-in and sign-out included: the
 * double-submit cookie pattern of csrf-csrf, its token an HMAC bound to the session (or, before
 * sign-in, to a random pre-session id in its own signed cookie). A POST under /ui without a
 * matching token in its `_csrf` field is refused before anything else is looked at.
 */
@Injectable()
export class Csrf {
  private readonly csrf;

  constructor(@Inject(SESSION_SECRET) secret: string) {
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (request: CsrfRequest) =>
        sessionCookieOf(request)?.sessionId ?? this.presessionOf(request) ?? '',
      cookieName: CSRF_COOKIE,
      cookieOptions: { sameSite: 'strict', path: '/ui', httpOnly: true, secure: false },
      getCsrfTokenFromRequest: (request: Request) => {
        const value = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
        return typeof value === 'string' ? value : undefined;
      },
      size: 32,
    });
  }

  /** The token for the forms of the page being rendered (sets or renews the CSRF cookie). */
  token(request: Request, response: Response, options: { renew?: boolean } = {}): string {
    const csrfRequest = request as CsrfRequest;
    if (!sessionCookieOf(request) && !this.presessionOf(csrfRequest)) {
      const id = randomBytes(24).toString('base64url');
      csrfRequest.presessionId = id;
      response.cookie(PRESESSION_COOKIE, id, {
        signed: true,
        httpOnly: true,
        sameSite: 'strict',
        secure: request.secure,
        path: '/ui',
      });
    }
    return this.csrf.generateCsrfToken(request, response, {
      overwrite: options.renew ?? false,
      validateOnReuse: false,
      cookieOptions: { secure: request.secure },
    });
  }

  isValid(request: Request): boolean {
    return this.csrf.validateRequest(request);
  }

  private presessionOf(request: CsrfRequest): string | undefined {
    if (request.presessionId) return request.presessionId;
    const value = (request.signedCookies as Record<string, unknown> | undefined)?.[
      PRESESSION_COOKIE
    ];
    return typeof value === 'string' ? value : undefined;
  }
}
