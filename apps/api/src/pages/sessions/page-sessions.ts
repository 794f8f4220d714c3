import { Inject, Injectable } from '@nestjs/common';
import {
  looksLikeJwt,
  parseToken,
  PrincipalAuthenticator,
  PrincipalRegistry,
  PRINCIPAL_STORE,
  type PrincipalStore,
} from '@blue-ledger/access';
import { LEDGER_CONFIG, type LedgerConfig } from '@blue-ledger/runtime';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import type { Principal } from '../../auth/principal';
import {
  SESSION_STORE,
  type SessionCredential,
  type SessionStore,
  type StoredSession,
} from './session-store';

/** How long the session cookie outlives the session's absolute expiry. */
const COOKIE_OUTLIVES_SESSION_MS = 24 * 60 * 60 * 1000;

export const SESSION_COOKIE = 'bl_session';

/** A live session: its id and the principal it carries, as it is now. */
export interface LiveSession {
  sessionId: string;
  principal: Principal;
  session: StoredSession;
}

/** Read the signed session cookie: `<session id>~<principal id>`, or undefined. */
export function sessionCookieOf(
  request: Request,
): { sessionId: string; principalId: string } | undefined {
  const value = (request.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  if (typeof value !== 'string') return undefined;
  const at = value.indexOf('~');
  if (at <= 0) return undefined;
  return { sessionId: value.slice(0, at), principalId: value.slice(at + 1) };
}

/**
 * Sessions of the web pages. Signing in takes a bearer token once, checks it as the API does,
 * and opens a session bound to the principal; the cookie (signed, HttpOnly, SameSite=Strict,
 * Secure over TLS) carries the session id and the principal id, never the token. Every request
 * asks again whether the session still holds: not idle too long, not past its absolute expiry,
 * and its credential still good (a store token not revoked, a configured principal still
 * configured, an identity provider's token not expired).
 */
@Injectable()
export class PageSessions {
  private readonly idleMs: number;
  private readonly absoluteMs: number;
  private lastSweep = 0;

  constructor(
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    private readonly authenticator: PrincipalAuthenticator,
    @Inject(PRINCIPAL_STORE) private readonly store: PrincipalStore,
    @Inject(PrincipalRegistry) private readonly configured: PrincipalRegistry,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.idleMs = config.sessions.idleSeconds * 1000;
    this.absoluteMs = config.sessions.absoluteSeconds * 1000;
  }

  /** Checks the token as the API does; answers the principal and the new session's id, or undefined. */
  async signIn(token: string): Promise<{ sessionId: string; principal: Principal } | undefined> {
    const principal = await this.authenticator.authenticate(token);
    if (!principal) return undefined;
    const now = Date.now();
    let expiresMs = now + this.absoluteMs;
    let credential: SessionCredential;
    if (this.configured.authenticate(token)) {
      credential = { kind: 'configured' };
    } else if (looksLikeJwt(token)) {
      credential = { kind: 'oidc' };
      const exp = decodeJwt(token).exp;
      if (typeof exp === 'number') expiresMs = Math.min(expiresMs, exp * 1000);
    } else {
      const parsed = parseToken(token);
      if (!parsed) return undefined;
      credential = { kind: 'store', tokenId: parsed.tokenId };
    }
    const sessionId = await this.sessions.open(principal, credential, now, expiresMs);
    return { sessionId, principal };
  }

  /** The live session of a request, or undefined (no cookie, ended, expired, or revoked). */
  async resolve(request: Request): Promise<LiveSession | undefined> {
    const cookie = sessionCookieOf(request);
    if (!cookie) return undefined;
    const now = Date.now();
    await this.sweep(now);
    const session = await this.sessions.find(cookie.sessionId);
    if (!session || session.principalId !== cookie.principalId) return undefined;
    if (now >= session.expiresMs || now - session.lastSeenMs >= this.idleMs) {
      await this.sessions.end(cookie.sessionId);
      return undefined;
    }
    const principal = await this.principalNow(session);
    if (!principal) {
      await this.sessions.end(cookie.sessionId);
      return undefined;
    }
    // Idle time is counted from the last request; a write per request is cheap, but not needed
    // more often than a tenth of the idle limit.
    if (now - session.lastSeenMs >= Math.min(60_000, this.idleMs / 10)) {
      await this.sessions.touch(cookie.sessionId, now);
    }
    return { sessionId: cookie.sessionId, principal, session };
  }

  /**
   * Remembers the position of a write made through a form of this session, so that every page
   * rendered for it next, by any instance, first waits for the read models to hold it.
   */
  async rememberWrite(sessionId: string, position: bigint | number): Promise<void> {
    await this.sessions.rememberWrite(sessionId, BigInt(position));
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.end(sessionId);
  }

  endAllOf(principalId: string): Promise<number> {
    return this.sessions.endAllOf(principalId);
  }

  setCookie(request: Request, response: Response, sessionId: string, principalId: string): void {
    response.cookie(SESSION_COOKIE, `${sessionId}~${principalId}`, {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: '/',
      // A day past the session's end, so that a browser still sends it then and is told its
      // session has ended, rather than asked to sign in as if it never had (the server refuses
      // it either way).
      maxAge: this.absoluteMs + COOKIE_OUTLIVES_SESSION_MS,
    });
  }

  clearCookie(request: Request, response: Response): void {
    response.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: '/',
    });
  }

  private async principalNow(session: StoredSession): Promise<Principal | undefined> {
    switch (session.credential.kind) {
      case 'configured':
        return this.configured.get(session.principalId);
      case 'store': {
        // Asked of the store every time: a revocation on any instance ends the session here.
        const live = await this.store.liveToken(session.credential.tokenId);
        return live && live.principal.id === session.principalId ? live.principal : undefined;
      }
      case 'oidc':
        return session.principal;
    }
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    await this.sessions.sweep(now, this.idleMs);
  }
}
