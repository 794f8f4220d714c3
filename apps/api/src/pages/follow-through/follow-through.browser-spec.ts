import type { Page } from 'playwright-core';
import { screenshot } from '../../../../../test/browser/support/checks';
import { inContext } from '../../../../../test/browser/support/chromium';
import { ROLES } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';
import { GEOPOLITICS } from '../../../../../test/stories/recordings/malakal';

const text = async (page: Page, selector: string) =>
  ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ');

describe('Follow-through (/ui/follow-through)', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'follow-through',
        path: '/ui/follow-through',
      });
      expect(problems).toEqual([]);
    },
  );

  it('shows the Ethiopian deferral against the Board of Inquiry and its reason, and filters by mission and country', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      await page.goto(`${suite.baseUrl}/ui/follow-through`);
      const against = await text(page, '[aria-labelledby=against-title]');
      expect(against).toContain('Ethiopian battalion (ETH, UNMISS)');
      expect(against).toContain('Defer');
      expect(against).toContain(GEOPOLITICS);
      const notCarried = await text(page, '[aria-labelledby=not-carried-title]');
      expect(notCarried).toContain('Indian battalion');
      expect(await page.locator('svg rect.bar').count()).toBe(5);
      await screenshot(page, 'follow-through--oversight');
      await screenshot(page, 'readme--follow-through', { fullPage: false });

      await page.getByLabel('Country (ISO alpha-3)').fill('IND');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      expect(new URL(page.url()).searchParams.get('country')).toBe('IND');
      expect(await text(page, '[aria-labelledby=against-title]')).not.toContain('Ethiopian');
      expect(await text(page, '[aria-labelledby=not-carried-title]')).toContain('Indian battalion');

      await page.goto(`${suite.baseUrl}/ui/follow-through?mission=MINUSCA`);
      expect(await text(page, '[aria-labelledby=against-title]')).not.toContain('Ethiopian');
    });
  });

  it("shows China's liaison nothing of other countries' decisions", async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'tcc_liaison');
      await page.goto(`${suite.baseUrl}/ui/follow-through`);
      const main = await text(page, 'main');
      for (const other of [
        'Ethiopian',
        'Indian',
        'Rwandan',
        'Mauritanian',
        'Nepalese',
        GEOPOLITICS,
      ]) {
        expect(main).not.toContain(other);
      }
    });
  });
});
