import type { Page } from 'playwright-core';
import { screenshot } from '../../../../../test/browser/support/checks';
import { openContext } from '../../../../../test/browser/support/chromium';
import { ROLES, type RoleName } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';
import { KENYA_WITHDRAWS } from '../../../../../test/stories/recordings/juba';
import { GEOPOLITICS } from '../../../../../test/stories/recordings/malakal';

const text = async (page: Page, selector: string) =>
  ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ');

describe('The units (/ui/contingents, /ui/contingents/{id})', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s the list and the Chinese battalion: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = [
        ...(await visitAsRole({
          browser: suite.browser,
          baseUrl: suite.baseUrl,
          role,
          name: 'contingents',
          path: '/ui/contingents',
        })),
        ...(await visitAsRole({
          browser: suite.browser,
          baseUrl: suite.baseUrl,
          role,
          name: 'contingent',
          path: `/ui/contingents/${suite.ledger.juba.units.china}`,
        })),
      ];
      expect(problems).toEqual([]);
    },
  );

  const open = async (role: RoleName, path: string) => {
    const { context } = await openContext(suite.browser, { viewport: 'wide', javaScript: false });
    const page = await signInAs(context, suite.baseUrl, role);
    const response = await page.goto(`${suite.baseUrl}${path}`);
    return { context, page, status: response?.status() };
  };

  it('shows the Ethiopian battalion: the finding, the deferral and its reason, never carried out', async () => {
    const { context, page } = await open(
      'oversight',
      `/ui/contingents/${suite.ledger.malakal.units.ethiopia}`,
    );
    try {
      const main = await text(page, 'main');
      expect(main).toContain('abandoned their posts');
      expect(main).toContain(`Reason given for departing from the recommendation: ${GEOPOLITICS}`);
      expect(main).toContain('not carried out');
      expect(main).toContain('Attack on POC site, 17 Feb 2016 (UNMISS)');
      await screenshot(page, 'contingent--ethiopia--oversight');
    } finally {
      await context.close();
    }
  });

  it("draws the Kenyan battalion's strength over time, at zero while it was withdrawn, with the table beside", async () => {
    const { context, page } = await open(
      'reviewer',
      `/ui/contingents/${suite.ledger.juba.units.kenya}`,
    );
    try {
      expect(await page.locator('svg path.strength-line').count()).toBe(1);
      expect(await page.locator('svg rect.gap').count()).toBe(1);
      const rows = await page
        .locator('table:has(caption:text("Strength by period")) tbody tr')
        .allInnerTexts();
      expect(rows.map((r) => r.replace(/\s+/g, ' '))).toEqual([
        expect.stringContaining('1,000 UNMISS Deployed'),
        expect.stringContaining('0 UNMISS Withdrawn'),
        expect.stringContaining('1,000 UNMISS Deployed'),
      ]);
      expect(await text(page, 'main')).toContain(KENYA_WITHDRAWS);
      expect(await text(page, '[aria-labelledby=notifications-title]')).toMatch(
        /Kenya considers.*\b0\b/,
      );
      await screenshot(page, 'contingent--kenya--reviewer');
    } finally {
      await context.close();
    }
  });

  it("gives China's liaison its own units only: the list, and another country's unit not there", async () => {
    const { juba } = suite.ledger;
    const { context, page } = await open('tcc_liaison', '/ui/contingents?country=NPL');
    try {
      expect(await page.locator('tbody tr').count()).toBe(0);
      await page.goto(`${suite.baseUrl}/ui/contingents`);
      const rows = await page.locator('tbody tr').allInnerTexts();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toContain('CHN');
      const foreign = await page.goto(`${suite.baseUrl}/ui/contingents/${juba.units.nepal}`);
      expect(foreign?.status()).toBe(404);
      const own = await page.goto(`${suite.baseUrl}/ui/contingents/${juba.units.china}`);
      expect(own?.status()).toBe(200);
      expect(await text(page, 'main')).not.toContain('Nepalese');
    } finally {
      await context.close();
    }
  });
});
