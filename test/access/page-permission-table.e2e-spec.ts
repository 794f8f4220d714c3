import type { Role } from '@blue-ledger/domain';
import { PERMISSIONS, PUBLIC } from '../../apps/api/src/access/permissions';
import { startApp, type RunningApp } from '../support/in-process-app';
import { principals } from '../support/principals';
import { appRoutes } from './app-routes';
import { PAGE_ROUTE } from './route-requests';

/** A browser's cookies, as far as these requests need them. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const ACTING_AS: Record<Role, keyof typeof principals> = {
  admin: 'admin',
  investigator: 'investigator',
  decision_authority: 'decider',
  oversight: 'oversight',
  reviewer: 'reviewer',
  tcc_liaison: 'liaisonMRT',
};

/**
 * The web pages obey the same permission table as the JSON API: every /ui route the app serves
 * has its entry, and answers each role with a session as the entry says; without a session a
 * page sends the browser to sign in; a POST without its CSRF token is refused before all else.
 */
describe('The permission table, for the web pages', () => {
  let running: RunningApp;
  let routes: string[];

  beforeAll(async () => {
    running = await startApp();
    await running.client.as('admin').create('/missions', {
      code: 'UNMISS',
      name: 'United Nations Mission in South Sudan',
      hostCountry: 'SSD',
    });
    routes = appRoutes(running.app).filter((r) => PAGE_ROUTE.test(r));
  });

  afterAll(async () => {
    await running?.close();
  });

  const fetchWith = async (jar: CookieJar, path: string, init: RequestInit = {}) => {
    const response = await fetch(`${running.client.baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.take(response);
    return response;
  };

  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  /** Signs in as a person would with the form; answers the jar and a CSRF token of the session. */
  const session = async (name: keyof typeof principals) => {
    const jar = new CookieJar();
    const form = await fetchWith(jar, '/ui/sign-in');
    const signIn = await fetchWith(jar, '/ui/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrfOf(await form.text()),
        token: principals[name].token,
      }),
    });
    expect(signIn.status).toBe(303);
    const home = await fetchWith(jar, '/ui');
    expect(home.status).toBe(200);
    return { jar, csrf: csrfOf(await home.text()) };
  };

  const pathOf = (route: string) =>
    route
      .split(' ')[1]
      .replace(':position', '0')
      .replace(':file', 'site.css')
      .replace('*path', 'no-such-page');

  it('has an entry for every page route the app serves, and none for a page route it does not', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => PERMISSIONS[route] === undefined)).toEqual([]);
    const pageEntries = Object.keys(PERMISSIONS).filter((key) => PAGE_ROUTE.test(key));
    expect(pageEntries.filter((key) => !routes.includes(key))).toEqual([]);
  });

  it('answers every page route as the table says, for every role with a session and without one', async () => {
    const mismatches: string[] = [];
    const anonymous = new CookieJar();
    const sessions = new Map<Role, { jar: CookieJar; csrf: string }>();
    for (const role of Object.keys(ACTING_AS) as Role[]) {
      sessions.set(role, await session(ACTING_AS[role]));
    }
    for (const route of routes) {
      const [method] = route.split(' ');
      const path = pathOf(route);
      const allowed = PERMISSIONS[route];
      if (method === 'GET') {
        const response = await fetchWith(anonymous, path);
        if (allowed === PUBLIC) {
          if (response.status >= 500) mismatches.push(`${route} (public): ${response.status}`);
        } else if (
          response.status !== 303 ||
          !response.headers.get('location')?.startsWith('/ui/sign-in')
        ) {
          mismatches.push(`${route} without a session: ${response.status}, not sent to sign in`);
        }
      }
      if (method === 'POST') {
        // Without the CSRF token: refused first, whoever asks.
        for (const [role, { jar }] of sessions) {
          const response = await fetchWith(jar, path, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: '',
          });
          if (response.status !== 403)
            mismatches.push(`${route} as ${role} without CSRF: ${response.status}`);
        }
      }
      if (allowed === PUBLIC || route === 'POST /ui/sign-out') continue;
      for (const [role, { jar, csrf }] of sessions) {
        const response = await fetchWith(jar, path, {
          method,
          ...(method === 'POST' && {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ _csrf: csrf }).toString(),
          }),
        });
        const refused =
          response.status === 403 || response.status === 401 || response.status === 303;
        if (allowed.includes(role) && (refused || response.status >= 500)) {
          mismatches.push(`${route} as ${role}: ${response.status}, allowed by the table`);
        }
        if (!allowed.includes(role) && response.status !== 403) {
          mismatches.push(`${route} as ${role}: ${response.status}, refused by the table`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers HTML with a strict Content-Security-Policy and never lets a cache keep a page', async () => {
    const { jar } = await session('reviewer');
    const response = await fetchWith(jar, '/ui/audit');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
  });

  it('sends a browser opening the ledger at / to the pages', async () => {
    const response = await fetch(`${running.client.baseUrl}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/ui');
  });
});
