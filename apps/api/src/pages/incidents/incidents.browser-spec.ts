import { screenshot } from '../../../../../test/browser/support/checks';
import { inContext } from '../../../../../test/browser/support/chromium';
import { ROLES } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { auditTrailThroughPage, signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';

describe('The incident list (/ui/incidents)', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'incidents',
        path: '/ui/incidents',
      });
      expect(problems).toEqual([]);
    },
  );

  const rowsOf = async (page: import('playwright-core').Page) =>
    page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').trim()));

  it.each([true, false])(
    'filters, sorts and pages by links and GET forms, every state its own address (JS %s)',
    async (javaScript) => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript },
        async ({ context, watch }) => {
          const page = await signInAs(context, suite.baseUrl, 'reviewer');
          await page.goto(`${suite.baseUrl}/ui/incidents`);
          expect(await rowsOf(page)).toHaveLength(4);

          // Filter by mission and category with the form.
          await page.getByLabel('Mission').selectOption('UNMISS');
          await page.getByLabel('Category').selectOption('attack_on_poc_site');
          await page.getByRole('button', { name: 'Apply filters' }).click();
          await page.waitForURL(/category=attack_on_poc_site/);
          const url = new URL(page.url());
          expect(url.searchParams.get('mission')).toBe('UNMISS');
          const malakal = await rowsOf(page);
          expect(malakal).toHaveLength(1);
          expect(malakal[0]).toContain('Malakal POC site');

          // Occurred between: only Juba (July 2016).
          await page.goto(
            `${suite.baseUrl}/ui/incidents?occurredFrom=2016-07-01&occurredTo=2016-12-31`,
          );
          const juba = await rowsOf(page);
          expect(juba).toHaveLength(1);
          expect(juba[0]).toContain('UN House POC site, Juba');

          // A unit present: the Mauritanian battalion was at Alindao only.
          await page.goto(
            `${suite.baseUrl}/ui/incidents?contingent=${suite.ledger.alindao.mauritania}`,
          );
          const alindao = await rowsOf(page);
          expect(alindao).toHaveLength(1);
          expect(alindao[0]).toContain('Alindao displacement camp');

          // Sort by occurred time, latest first, through the column header's link.
          await page.goto(`${suite.baseUrl}/ui/incidents`);
          await page.getByRole('link', { name: /^Occurred/ }).click();
          expect(new URL(page.url()).searchParams.get('order')).toBe('occurred');
          expect(await page.getAttribute('th[aria-sort=ascending]', 'aria-sort')).toBe('ascending');
          await page.getByRole('link', { name: /^Occurred/ }).click();
          expect(new URL(page.url()).searchParams.get('order')).toBe('occurred_desc');
          const newestFirst = await rowsOf(page);
          expect(newestFirst[0]).toContain('Alindao');
          expect(newestFirst[3]).toContain('Malakal');

          // Two a page: the next page's link holds the cursor and the order.
          await page.goto(`${suite.baseUrl}/ui/incidents?order=occurred&limit=2`);
          expect(await rowsOf(page)).toHaveLength(2);
          await page.getByRole('link', { name: 'Next page' }).click();
          const second = await rowsOf(page);
          expect(second).toHaveLength(2);
          expect(second[1]).toContain('Alindao');
          expect(new URL(page.url()).searchParams.get('after')).toMatch(/^\d+\.\d+$/);
          await screenshot(page, `incidents--paged--${javaScript ? 'js' : 'no-js'}`);
          expect(watch.external).toEqual([]);
          expect(watch.consoleErrors).toEqual([]);
        },
      );
    },
  );

  it('offers the same list as CSV, filters and order included', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: true }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      await page.goto(`${suite.baseUrl}/ui/incidents?mission=UNMISS&order=occurred`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download this list as CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('incidents.csv');
      const csv = await (await download.createReadStream()).toArray();
      const lines = Buffer.concat(csv).toString('utf8').trim().split('\r\n');
      expect(lines[0]).toMatch(/^incident_id,mission,category,status,occurred_at/);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('Malakal POC site');
      expect(lines[2]).toContain('UN House POC site, Juba');
      expect(lines[1]).toContain('Rwandan battalion (RWA, UNMISS)');
    });
  });

  it('says what is wrong with a filter it cannot read, as a page', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      const response = await page.goto(`${suite.baseUrl}/ui/incidents?occurredFrom=yesterday`);
      expect(response?.status()).toBe(400);
      expect(await page.textContent('main')).toContain(
        'occurredFrom must be a date, e.g. 2016-02-17',
      );
    });
  });

  it('lists the incidents as known at an instant, its links carrying it, and back to now (JS off)', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      const all = await auditTrailThroughPage(page, suite.baseUrl);
      const reports = all.filter((e) => e.type === 'IncidentReported');
      const last = reports[reports.length - 1];
      const before = all[all.indexOf(last) - 1].recordedAt;
      expect(before < last.recordedAt).toBe(true);
      const lastId = last.streamId.replace(/^incident-/, '');

      await page.goto(`${suite.baseUrl}/ui/incidents?asOf=${encodeURIComponent(before)}`);
      await expect(page.locator('.as-of').textContent()).resolves.toContain('As known at');
      await screenshot(page, 'incidents--as-of');
      const then = await page
        .locator('tbody tr a[href^="/ui/incidents/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(then).toHaveLength(reports.length - 1);
      expect(then.join(' ')).not.toContain(lastId);
      for (const href of then) expect(href).toContain(`asOf=${encodeURIComponent(before)}`);
      expect(await page.getAttribute('a:text("Download this list as CSV")', 'href')).toContain(
        'asOf=',
      );

      await page.getByRole('link', { name: 'Show the record as it stands now' }).click();
      expect(await page.locator('.as-of').count()).toBe(0);
      const now = await page
        .locator('tbody tr a[href^="/ui/incidents/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(now).toHaveLength(reports.length);
      expect(now.join(' ')).toContain(lastId);
    });
  });
});
