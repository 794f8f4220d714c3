/// <reference lib="dom" />
import type { Browser, BrowserContext } from 'playwright-core';
import { axeViolations, screenshot } from '../../../../../test/browser/support/checks';
import {
  launchChromium,
  inContext,
  type LaunchedBrowser,
} from '../../../../../test/browser/support/chromium';
import { principalsEnv } from '../../../../../test/browser/support/ledger';
import { signIn } from '../../../../../test/browser/support/session';
import { startLedgerProcess, type LedgerProcess } from '../../../../../test/support/ledger-process';
import { principals } from '../../../../../test/support/principals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The session cookie as the browser holds it. */
const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === 'bl_session');

describe('Signing in to the web pages', () => {
  let chromium: LaunchedBrowser;
  let browser: Browser;
  let ledger: LedgerProcess;
  let baseUrl = '';
  let dataDir = '';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-sessions-'));
    // The default session limits (half an hour idle, twelve hours in all): a slow machine must
    // not see a session end in the middle of a test that is not about its end (see below).
    ledger = await startLedgerProcess(dataDir, { LEDGER_PRINCIPALS: principalsEnv() });
    baseUrl = ledger.client.baseUrl;
    chromium = await launchChromium();
    browser = chromium.browser;
  });

  afterAll(async () => {
    await chromium?.close();
    await ledger?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const withContext = async (
    javaScript: boolean,
    run: (context: BrowserContext) => Promise<void>,
  ) => {
    await inContext(browser, { viewport: 'wide', javaScript }, async ({ context, watch }) => {
      await run(context);
      expect(watch.external).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    });
  };

  describe.each([true, false])('with JavaScript %s', (javaScript) => {
    it('sends a visitor without a session to the sign-in page, and back where they were going', async () => {
      await withContext(javaScript, async (context) => {
        const page = await context.newPage();
        await page.goto(`${baseUrl}/ui/audit?type=IncidentReported`);
        expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
        expect(await page.textContent('h1')).toBe('Sign in');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `sign-in--${javaScript ? 'js' : 'no-js'}`);
        await page.getByLabel('Access token').fill(principals.reviewer.token);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => url.pathname === '/ui/audit');
        expect(new URL(page.url()).search).toBe('?type=IncidentReported');
        expect(await page.textContent('.session-who')).toContain('Reviewer');
      });
    });

    it('refuses a wrong token with the reason beside the field, and opens no session', async () => {
      await withContext(javaScript, async (context) => {
        const page = await context.newPage();
        await page.goto(`${baseUrl}/ui/sign-in`);
        await page.getByLabel('Access token').fill('not-a-token-of-this-ledger');
        const [response] = await Promise.all([
          page.waitForResponse(
            (r) => r.url().endsWith('/ui/sign-in') && r.request().method() === 'POST',
          ),
          page.getByRole('button', { name: 'Sign in' }).click(),
        ]);
        expect(response.status()).toBe(401);
        expect(await page.textContent('#token-error')).toContain('not valid');
        expect(await page.getAttribute('#token', 'aria-invalid')).toBe('true');
        expect(await sessionCookie(context)).toBeUndefined();
        expect(await axeViolations(page)).toEqual([]);
      });
    });

    it('keeps the session in a signed, HttpOnly, SameSite=Strict cookie that never holds the token', async () => {
      await withContext(javaScript, async (context) => {
        const page = await context.newPage();
        await signIn(page, baseUrl, principals.oversight.token);
        const cookie = await sessionCookie(context);
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
        const value = decodeURIComponent(cookie!.value);
        // `s:` + session id + `~` + principal id, then cookie-parser's HMAC signature.
        expect(value).toMatch(/^s:[A-Za-z0-9_-]{43}~oios-1\.[A-Za-z0-9+/]+$/);
        for (const c of await context.cookies()) {
          expect(c.value).not.toContain(principals.oversight.token);
          expect(decodeURIComponent(c.value)).not.toContain(principals.oversight.token);
        }
        if (javaScript) {
          expect(await page.evaluate(() => document.cookie)).toBe('');
        }
      });
    });

    it('ends the session at once on sign-out: the old cookie opens nothing any more', async () => {
      await withContext(javaScript, async (context) => {
        const page = await context.newPage();
        await signIn(page, baseUrl, principals.reviewer.token);
        const cookie = (await sessionCookie(context))!;
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL((url) => url.pathname === '/ui/sign-in');
        expect(await page.textContent('.notice')).toContain('signed out');
        // The same cookie, replayed: the server ended the session, not just the browser.
        await context.addCookies([cookie]);
        await page.goto(`${baseUrl}/ui`);
        expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
      });
    });
  });

  it('refuses a form without its CSRF token, and one from another session, changing nothing', async () => {
    await withContext(true, async (context) => {
      const page = await context.newPage();
      await signIn(page, baseUrl, principals.reviewer.token);
      // Sign-out without the token: refused, the session lives on.
      const forged = await page.request.post(`${baseUrl}/ui/sign-out`, { form: {} });
      expect(forged.status()).toBe(403);
      expect(await forged.text()).toContain('This form could not be accepted');
      // With a token of another browser's session: refused as well.
      const other = await browser.newContext();
      const otherPage = await other.newPage();
      await otherPage.goto(`${baseUrl}/ui/sign-in`);
      const foreignToken = await otherPage.getAttribute('input[name=_csrf]', 'value');
      await other.close();
      const crossed = await page.request.post(`${baseUrl}/ui/sign-out`, {
        form: { _csrf: foreignToken! },
      });
      expect(crossed.status()).toBe(403);
      await page.goto(`${baseUrl}/ui`);
      expect(new URL(page.url()).pathname).toBe('/ui');
      // Sign-in without the token: refused before the token is even looked at.
      const signInForged = await page.request.post(`${baseUrl}/ui/sign-in`, {
        form: { token: principals.admin.token },
      });
      expect(signInForged.status()).toBe(403);
      expect(await page.textContent('.session-who')).toContain('Reviewer');
      await screenshot(page, 'overview-after-csrf-refusal');
    });
  });

  describe('on a ledger whose sessions last 4 s idle and 9 s in all', () => {
    let limited: LedgerProcess;
    let limitedUrl = '';
    let limitedDir = '';

    beforeAll(async () => {
      limitedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-session-limits-'));
      limited = await startLedgerProcess(limitedDir, {
        LEDGER_PRINCIPALS: principalsEnv(),
        LEDGER_SESSION_IDLE_SECONDS: '4',
        LEDGER_SESSION_ABSOLUTE_SECONDS: '9',
      });
      limitedUrl = limited.client.baseUrl;
    });

    afterAll(async () => {
      await limited?.stop();
      fs.rmSync(limitedDir, { recursive: true, force: true });
    });

    it('ends a session left idle longer than the idle limit', async () => {
      await withContext(false, async (context) => {
        const page = await context.newPage();
        await signIn(page, limitedUrl, principals.reviewer.token);
        await new Promise((resolve) => setTimeout(resolve, 4500));
        await page.goto(`${limitedUrl}/ui/incidents`);
        expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
        expect(await page.textContent('.notice')).toContain('session has ended');
      });
    });

    it('ends a session at its absolute expiry, however busy', async () => {
      await withContext(false, async (context) => {
        const page = await context.newPage();
        const signingIn = Date.now();
        await signIn(page, limitedUrl, principals.reviewer.token);
        // In use every second, so never idle, until it ends: at its absolute expiry, nine
        // seconds after signing in. (Whenever the machine lets the requests go: a request
        // planned just before the ninth second may land after it.)
        let endedAt: number | undefined;
        while (endedAt === undefined) {
          await page.goto(`${limitedUrl}/ui`);
          if (new URL(page.url()).pathname === '/ui/sign-in') endedAt = Date.now();
          else if (Date.now() - signingIn > 30_000) throw new Error('still signed in after 30 s');
          else await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        expect(endedAt - signingIn).toBeGreaterThanOrEqual(9000);
        // Told so, as after the idle limit: the browser still had the cookie.
        expect(await page.textContent('.notice')).toContain('session has ended');
      });
    });
  });

  it('ends every session of a principal when its tokens are revoked', async () => {
    const admin = ledger.client.as('admin');
    const created = await admin.post('/principals', {
      id: 'field-reviewer',
      name: 'Field reviewer',
      roles: ['reviewer'],
    });
    expect(created.status).toBe(201);
    await withContext(true, async (context) => {
      const page = await context.newPage();
      await signIn(page, baseUrl, created.body.token);
      expect(await page.textContent('.session-who')).toContain('Field reviewer');
      const revoked = await admin.request('DELETE', '/principals/field-reviewer/tokens');
      expect(revoked.status).toBe(200);
      await page.goto(`${baseUrl}/ui/audit`);
      expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
      expect(await page.textContent('.notice')).toContain('session has ended');
    });
  });
});
