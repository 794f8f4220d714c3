/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';
import { axeViolations } from '../browser/support/checks';
import { launchChromium, openContext, type LaunchedBrowser } from '../browser/support/chromium';
import { fillForm, idOf, openFromList, submitForm } from '../browser/support/forms';
import { signIn } from '../browser/support/session';
import { registerMissionAndContingent } from '../reliability/support/ledger-fixtures';
import type { LedgerProcess } from '../support/ledger-process';
import { principals } from '../support/principals';
import { readModelsAt } from '../support/read-models';
import { startBalancer } from './support/balancer';
import { startHeldBackInstance, type HeldBackInstance } from './support/held-back-instance';
import { PostgresDeployment } from './support/postgres-deployment';

const describeOnPostgres = DATABASE_URL || process.env.CI ? describe : describe.skip;
if (!DATABASE_URL && !process.env.CI) {
  console.warn(
    'DATABASE_URL is not set: the web pages on two API instances sharing PostgreSQL were NOT run',
  );
}

/**
 * The web pages, in Chromium, on two API processes (`LEDGER_STORE=postgres`) sharing one
 * database, as behind a load balancer. A browser keeps cookies per host name, whatever the port,
 * so instance B is addressed as `localhost` and A as `127.0.0.1`: the browser then never sends
 * A's cookie to B by itself, and the test carries it across, as a load balancer in front of both
 * would (one address for the browser, each request to either instance).
 */
describeOnPostgres('The web pages on two API instances sharing one PostgreSQL', () => {
  let deployment: PostgresDeployment;
  let a: LedgerProcess;
  let b: LedgerProcess;
  let c: HeldBackInstance;
  let onA = '';
  let onB = '';
  let onC = '';
  let chromium: LaunchedBrowser;
  let browser: Browser;

  beforeAll(async () => {
    if (!DATABASE_URL) throw new Error('DATABASE_URL is not set on CI');
    deployment = await PostgresDeployment.create(DATABASE_URL);
    // Patient waits: a slow or paused machine must not turn a page's wait into its notice.
    a = await deployment.startApi({ env: { LEDGER_READ_WAIT_MS: '30000' } });
    b = await deployment.startApi({ env: { LEDGER_READ_WAIT_MS: '30000' } });
    // C reads the read models of a projector of its own, which the test pauses (SIGSTOP).
    c = await startHeldBackInstance(deployment, { LEDGER_READ_WAIT_MS: '300' });
    onA = a.client.baseUrl;
    onB = b.client.baseUrl.replace('//127.0.0.1:', '//localhost:');
    // The browser sends A's cookie to C by itself: the same host name, another port.
    onC = c.api.client.baseUrl;
    await registerMissionAndContingent(a.client);
    chromium = await launchChromium();
    browser = chromium.browser;
  }, 300_000);

  afterAll(async () => {
    await chromium?.close();
    c?.resume();
    await c?.projector.kill();
    await deployment?.tearDown();
  }, 60_000);

  const sessionsOf = async (principalId: string): Promise<number> =>
    Number(
      (
        await deployment.store.pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM ui_sessions WHERE principal_id = $1',
          [principalId],
        )
      ).rows[0].n,
    );

  /** Every cookie the browser holds for A, given to B's address too (what a balancer does). */
  const carryCookiesToB = async (context: BrowserContext): Promise<void> => {
    const cookies = await context.cookies(onA);
    expect(cookies.map((c) => c.name)).toContain('bl_session');
    await context.addCookies(
      cookies.map(({ name, value, httpOnly, secure, sameSite }) => ({
        name,
        value,
        url: onB,
        httpOnly,
        secure,
        sameSite,
      })),
    );
  };

  const withContext = async (run: (context: BrowserContext) => Promise<void>) => {
    const { context, watch } = await openContext(browser, { viewport: 'wide', javaScript: true });
    try {
      await run(context);
      expect(watch.external).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  };

  const pathOf = (page: Page) => new URL(page.url()).pathname;

  it('signs in on A and is signed in on B; an incident reported on A shows on B once it caught up; signing out on B ends the session on A', async () => {
    await withContext(async (context) => {
      const { id, name, token } = principals.investigator;
      const pageA = await context.newPage();
      await signIn(pageA, onA, token);
      expect(await pageA.textContent('.session-who')).toContain(name);
      expect(await sessionsOf(id)).toBe(1);

      // B has never seen this browser: without the cookie it asks for a sign-in.
      const pageB = await context.newPage();
      await pageB.goto(`${onB}/ui`);
      expect(pathOf(pageB)).toBe('/ui/sign-in');
      await carryCookiesToB(context);
      await pageB.goto(`${onB}/ui`);
      expect(pathOf(pageB)).toBe('/ui');
      expect(await pageB.textContent('.session-who')).toContain(name);
      expect(await sessionsOf(id)).toBe(1);
      expect(await axeViolations(pageB)).toEqual([]);

      // Reported through A's form (A answers once its own read models hold it).
      const summary = `Reported through instance A at ${Date.now()}`;
      await openFromList(pageA, onA, 'Report an incident');
      await fillForm(pageA, {
        missionCode: 'UNMISS',
        occurredAt: '2016-07-11T09:00:00+03:00',
        category: 'misconduct',
        summary,
        'location.name': 'Juba, UN House',
      });
      const { position, recordHref } = await submitForm(pageA);
      const incidentId = idOf(recordHref);
      expect(incidentId).not.toBe('');

      // B's own read models reach the event (its /health), then its pages show the incident.
      await readModelsAt(b.client, position);
      await pageB.goto(`${onB}/ui/incidents`);
      const row = pageB.locator('tbody tr', { hasText: summary });
      expect(await row.count()).toBe(1);
      expect(await axeViolations(pageB)).toEqual([]);
      await Promise.all([
        pageB.waitForURL((url) => url.pathname === `/ui/incidents/${incidentId}`),
        row.getByRole('link').first().click(),
      ]);
      expect(await pageB.textContent('main')).toContain(summary);
      expect(await pageB.textContent('main')).toContain('Juba, UN House');
      expect(await axeViolations(pageB)).toEqual([]);

      // Signed out on B: the browser still holds A's cookie, and A refuses it.
      await Promise.all([
        pageB.waitForURL((url) => url.pathname === '/ui/sign-in'),
        pageB.getByRole('button', { name: 'Sign out' }).click(),
      ]);
      expect(await pageB.textContent('.notice')).toContain('signed out');
      expect(await sessionsOf(id)).toBe(0);
      expect((await context.cookies(onA)).map((c) => c.name)).toContain('bl_session');
      await pageA.goto(`${onA}/ui/incidents/${incidentId}`);
      expect(pathOf(pageA)).toBe('/ui/sign-in');
    });
  });

  it('sends a form through A behind a balancer whose next request goes to B, and B shows the receipt and the record with the change', async () => {
    // Writes (POST) to A, reads to B: the redirect after a form is always followed on B.
    const balancer = await startBalancer((request) =>
      request.method === 'POST' ? a.client.baseUrl : b.client.baseUrl,
    );
    try {
      await withContext(async (context) => {
        const page = await context.newPage();
        await signIn(page, balancer.url, principals.investigator.token);
        const summary = `Reported through A, read on B at ${Date.now()}`;
        await openFromList(page, balancer.url, 'Report an incident');
        await fillForm(page, {
          missionCode: 'UNMISS',
          occurredAt: '2016-07-12T09:00:00+03:00',
          category: 'misconduct',
          summary,
          'location.name': 'Juba, Tomping',
        });
        // No wait for B's /health here: B's pages wait for the session's write themselves.
        const { position, recordHref } = await submitForm(page);
        expect(await page.locator('.read-behind').count()).toBe(0);
        await Promise.all([
          page.waitForURL((url) => url.pathname === recordHref),
          page.locator('#receipt a', { hasText: /^Go to the/ }).click(),
        ]);
        expect(await page.textContent('main')).toContain(summary);
        expect(await page.locator('.read-behind').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        const onB = `-> ${new URL(b.client.baseUrl).origin}`;
        expect(balancer.sent).toEqual(
          expect.arrayContaining([
            `POST /ui/forms/incident-report -> ${new URL(a.client.baseUrl).origin}`,
            `GET /ui/forms/receipts/${position} ${onB}`,
            `GET ${recordHref} ${onB}`,
          ]),
        );
      });
    } finally {
      await balancer.close();
    }
  });

  it('on an instance still behind, renders the page after its wait, saying it may not show the last change yet', async () => {
    await withContext(async (context) => {
      const page = await context.newPage();
      await signIn(page, onA, principals.investigator.token);
      c.pause();
      try {
        const summary = `Reported while C is held back at ${Date.now()}`;
        await openFromList(page, onA, 'Report an incident');
        await fillForm(page, {
          missionCode: 'UNMISS',
          occurredAt: '2016-07-13T09:00:00+03:00',
          category: 'misconduct',
          summary,
          'location.name': 'Juba, Jebel',
        });
        const { position } = await submitForm(page);
        await page.goto(`${onC}/ui/incidents`);
        expect(pathOf(page)).toBe('/ui/incidents');
        const notice = page.locator('.read-behind');
        expect(await notice.textContent()).toContain('This page may not show your last change yet');
        expect(await notice.textContent()).toContain(`position ${position}`);
        expect(await page.locator('tbody tr', { hasText: summary }).count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        c.resume();
      }
    });
  });

  it('ends on B a session opened there with a token the admin revoked on A', async () => {
    const made = await a.client.as('admin').post('/principals', {
      name: 'Board of Inquiry, revoked panel',
      roles: ['reviewer'],
    });
    expect(made.status).toBe(201);
    const { id, token } = made.body as { id: string; token: string };

    await withContext(async (reviewer) => {
      const pageB = await reviewer.newPage();
      await signIn(pageB, onB, token);
      await pageB.goto(`${onB}/ui/incidents`);
      expect(pathOf(pageB)).toBe('/ui/incidents');
      expect(await pageB.textContent('.session-who')).toContain('Board of Inquiry, revoked panel');
      expect(await sessionsOf(id)).toBe(1);

      await withContext(async (adminContext) => {
        const admin = await adminContext.newPage();
        await signIn(admin, onA, principals.admin.token);
        await admin.goto(`${onA}/ui/principals`);
        await Promise.all([
          admin.waitForURL(/tokens-revoke/),
          admin
            .locator(`tr[data-principal="${id}"]`)
            .getByRole('link', { name: /Revoke/ })
            .click(),
        ]);
        expect(await axeViolations(admin)).toEqual([]);
        await fillForm(admin, { confirm: true });
        await Promise.all([
          admin.waitForURL(/\/ui\/principals\?revoked=/),
          admin.locator('form.ledger-form button[type=submit]').click(),
        ]);
        expect(await admin.textContent('[data-notice="revoked"]')).toContain(
          `Every token of ${id} is revoked`,
        );
      });

      // B's next request finds the token revoked: the page session opened with it is over.
      await pageB.goto(`${onB}/ui/incidents`);
      expect(pathOf(pageB)).toBe('/ui/sign-in');
      expect((await b.client.withToken(token).get('/incidents?limit=1')).status).toBe(401);
    });
  });
});
