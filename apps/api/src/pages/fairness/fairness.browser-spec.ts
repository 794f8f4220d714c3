import type { Page } from 'playwright-core';
import { screenshot } from '../../../../../test/browser/support/checks';
import { inContext } from '../../../../../test/browser/support/chromium';
import type { RoleName } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';

const PATH = '/ui/fairness?mission=UNMISS&from=2016-01-01&to=2017-01-01';
/** The roles GET /fairness is for; investigators and decision authorities are refused. */
const FAIRNESS_ROLES: RoleName[] = ['admin', 'oversight', 'reviewer', 'tcc_liaison'];

const rowHeaders = async (page: Page, caption: string) =>
  page.locator(`table:has(caption#${caption}) tbody th[scope=row]`).allTextContents();

describe('Fairness of the record (/ui/fairness)', () => {
  const suite = storiedSuite();

  it.each(FAIRNESS_ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'fairness',
        path: PATH,
      });
      expect(problems).toEqual([]);
    },
  );

  it('draws each country’s rate as a dot and whisker beside the table that says the same, filters by mission and period, and gives each table as CSV', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      await page.goto(`${suite.baseUrl}${PATH}`);
      const countries = await rowHeaders(page, 'countries-caption');
      expect(countries).toEqual(expect.arrayContaining(['CHN', 'ETH']));
      await screenshot(page, 'readme--fairness', { fullPage: false });
      // The accessible table beside the chart has the same rows as the main table.
      expect(await rowHeaders(page, 'rate-table-caption')).toEqual(countries);
      // A dot and whisker for each country with a rate (person-years known), none without.
      const rated = await page
        .locator('table:has(caption#rate-table-caption) tbody tr td:nth-child(3)')
        .allTextContents();
      const withRate = rated.filter((cell) => !cell.trim().startsWith('—')).length;
      expect(withRate).toBeGreaterThan(0);
      expect(await page.locator('svg circle').count()).toBe(withRate);
      expect(await page.locator('svg line.whisker').count()).toBe(withRate);
      expect(await page.locator('.shared-bar rect').count()).toBeGreaterThan(0);
      await screenshot(page, 'fairness--oversight', { fullPage: true });

      await page.getByLabel('Rate charted').selectOption('incidentsPresent');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const url = new URL(page.url());
      expect(url.searchParams.get('figure')).toBe('incidentsPresent');
      expect(url.searchParams.get('mission')).toBe('UNMISS');
      expect(await page.textContent('#rate-table-caption')).toContain('Incidents');

      await page.goto(`${suite.baseUrl}/ui/fairness?mission=MINUSCA&from=2018-01-01&to=2019-01-01`);
      const minusca = await rowHeaders(page, 'countries-caption');
      expect(minusca).toContain('MRT');
      expect(minusca).not.toContain('CHN');

      const csv = await page.request.get(
        `${suite.baseUrl}/ui/fairness.csv?mission=UNMISS&from=2016-01-01&to=2017-01-01&table=countries`,
      );
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\n');
      expect(lines[0]).toMatch(/^country,person-years,sources/);
      expect(
        lines
          .slice(1)
          .map((l) => l.split(',')[0])
          .sort(),
      ).toEqual([...countries].sort());
      for (const table of ['shared', 'common', 'timeliness']) {
        const other = await page.request.get(
          `${suite.baseUrl}/ui/fairness.csv?mission=UNMISS&from=2016-01-01&to=2017-01-01&table=${table}`,
        );
        expect(other.status()).toBe(200);
      }
    });
  });

  it('shows a 360 px reader the same figures', async () => {
    await inContext(suite.browser, { viewport: 'phone', javaScript: true }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      await page.goto(`${suite.baseUrl}${PATH}`);
      expect(await rowHeaders(page, 'countries-caption')).toEqual(
        expect.arrayContaining(['CHN', 'ETH']),
      );
      await screenshot(page, 'fairness--oversight--360', { fullPage: true });
    });
  });

  it("shows China's liaison its own row only, in every table", async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'tcc_liaison');
      await page.goto(`${suite.baseUrl}${PATH}`);
      for (const caption of ['countries-caption', 'rate-table-caption']) {
        expect(await rowHeaders(page, caption)).toEqual(['CHN']);
      }
      const main = ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ');
      for (const other of ['ETH', 'IND', 'RWA', 'NPL', 'MRT']) expect(main).not.toContain(other);
      const csv = await page.request.get(
        `${suite.baseUrl}/ui/fairness.csv?mission=UNMISS&from=2016-01-01&to=2017-01-01&table=countries`,
      );
      const rows = (await csv.text()).trim().split('\n').slice(1);
      expect(rows.map((l) => l.split(',')[0])).toEqual(['CHN']);
    });
  });

  it("links each country's figures to the pages that list its records, at the same mission and instant", async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      const instant = new Date().toISOString();
      const at = encodeURIComponent(instant);
      await page.goto(`${suite.baseUrl}${PATH}&asOf=${at}`);
      const row = page.locator('table:has(caption#countries-caption) tbody tr', {
        has: page.locator('th', { hasText: 'ETH' }),
      });
      const units = await row.locator('th a').getAttribute('href');
      expect(units).toContain('country=ETH');
      expect(units).toContain(`asOf=${at}`);
      const decisions = await row.locator('td:nth-child(8) a').getAttribute('href');
      expect(decisions).toMatch(/^\/ui\/follow-through\?/);
      expect(decisions).toContain('country=ETH');
      expect(decisions).toContain(`asOf=${at}`);

      await row.locator('th a').click();
      await expect(page.locator('.as-of').textContent()).resolves.toContain('As known at');
      const countries = await page.locator('tbody td[data-label="Country"]').allTextContents();
      expect(countries.length).toBeGreaterThan(0);
      expect(new Set(countries.map((c) => c.trim()))).toEqual(new Set(['ETH']));

      await page.goto(`${suite.baseUrl}${decisions}`);
      expect(await page.inputValue('#f-country')).toBe('ETH');
      expect(await page.inputValue('#f-mission')).toBe('UNMISS');
      await expect(page.locator('.as-of').textContent()).resolves.toContain('As known at');
      expect(await page.textContent('[aria-labelledby=against-title]')).toContain(
        'Ethiopian battalion (ETH, UNMISS)',
      );
    });
  });
});
