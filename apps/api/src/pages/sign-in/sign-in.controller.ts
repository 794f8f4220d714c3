import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthenticationThrottle } from '../../access/authentication-throttle';
import { ProblemException } from '../../problems/problem.exception';
import { layoutFor } from '../layout/layout-context';
import { safeNext } from '../rendering/page-exception.filter';
import { Html, PageController } from '../rendering/page.decorator';
import { PageRenderer } from '../rendering/page-renderer';
import { Csrf, PRESESSION_COOKIE } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { PageSessions } from '../sessions/page-sessions';

const REASONS: Record<string, string> = {
  required: 'Sign in to see that page.',
  ended: 'Your session has ended (signed out, expired, or its token was revoked). Sign in again.',
  'signed-out': 'You are signed out. The session has ended on the server too.',
};

const MAX_TOKEN = 4096;

/**
 * Signing in, for browsers: the bearer token is sent once, over this form, checked as the API
 * checks it, and exchanged for a session; it is never stored, logged or put in a cookie.
 */
@PageController('')
export class SignInController {
  constructor(
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly sessions: PageSessions,
    private readonly throttle: AuthenticationThrottle,
  ) {}

  @Get('sign-in')
  @Html()
  page(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Query('next') next?: string,
    @Query('reason') reason?: string,
  ): string {
    return this.render(request, response, {
      next: safeNext(next),
      notice: reason !== undefined ? REASONS[reason] : undefined,
      error: undefined,
    });
  }

  @Post('sign-in')
  async signIn(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const next = safeNext(body.next);
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    // Failed attempts are limited per address and per token prefix, exactly as the API's
    // (AuthenticationThrottle): once over, every attempt is 429, the right token as a wrong one.
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const opened = await this.throttle
      .authenticate(
        address,
        token.length > 0 && token.length <= MAX_TOKEN ? token : undefined,
        (t) => this.sessions.signIn(t),
      )
      .catch((error: unknown) => {
        if (error instanceof ProblemException && error.getStatus() === 401) return undefined;
        throw error;
      });
    if (!opened) {
      const html = this.render(request, response, {
        next,
        notice: undefined,
        error:
          token.length === 0
            ? 'Enter your access token.'
            : 'This token is not valid: it is unknown, revoked or expired. Nothing was opened.',
      });
      response.status(401).type('text/html; charset=utf-8').send(html);
      return;
    }
    if (request.sessionId) await this.sessions.end(request.sessionId);
    this.sessions.setCookie(request, response, opened.sessionId, opened.principal.id);
    response.clearCookie(PRESESSION_COOKIE, { path: '/ui' });
    response.redirect(303, next ?? '/ui');
  }

  @Post('sign-out')
  async signOut(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (request.sessionId) await this.sessions.end(request.sessionId);
    this.sessions.clearCookie(request, response);
    response.redirect(303, '/ui/sign-in?reason=signed-out');
  }

  private render(
    request: PageRequest,
    response: Response,
    model: { next: string | undefined; notice: string | undefined; error: string | undefined },
  ): string {
    const layout = layoutFor(request, response, this.csrf, { title: 'Sign in', section: 'none' });
    return this.renderer.render('sign-in/sign-in', layout, model);
  }
}
