import type { Page } from 'playwright-core';
import { screenshot } from '../../../../../test/browser/support/checks';
import { inContext } from '../../../../../test/browser/support/chromium';
import { ROLES } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';
import { OVERSTRETCHED } from '../../../../../test/stories/recordings/alindao';
import { fingerprint } from '../../../../../test/support/fingerprint';

const text = async (page: Page, selector: string) =>
  ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ');

describe('One investigation (/ui/investigations/{id})', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s (a liaison: not permitted, as the API): accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'investigation',
        path: `/ui/investigations/${suite.ledger.malakal.board.id}`,
        status: role === 'tcc_liaison' ? 403 : 200,
      });
      expect(problems).toEqual([]);
    },
  );

  it('shows the Board of Inquiry: its evidence with its SHA-256 and custody, its findings, its recommendations', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      await page.goto(`${suite.baseUrl}/ui/incidents/${suite.ledger.malakal.incidentId}`);
      await page
        .getByRole('link', { name: 'Board of Inquiry into the attack on the Malakal POC site' })
        .click();
      expect(new URL(page.url()).pathname).toBe(
        `/ui/investigations/${suite.ledger.malakal.board.id}`,
      );
      const evidence = await text(page, '[aria-labelledby=evidence-title]');
      expect(evidence).toContain(fingerprint('Malakal Board of Inquiry, sector command testimony'));
      expect(evidence).toContain('Board of Inquiry secretariat, New York');
      const findings = await text(page, '[aria-labelledby=findings-title]');
      expect(findings).toContain('abandoned their posts');
      expect(findings).toContain('On the evidence of: Testimony of sector command staff');
      expect(await text(page, '[aria-labelledby=recs-title]')).toContain(
        'The contingent abandoned the sentry posts on the perimeter during the attack',
      );
      await screenshot(page, 'investigation--board-of-inquiry--reviewer');
    });
  });

  it('shows the context an Alindao finding weighed', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      await page.goto(`${suite.baseUrl}/ui/investigations/${suite.ledger.alindao.investigationId}`);
      expect(await text(page, '[aria-labelledby=findings-title]')).toContain(OVERSTRETCHED);
    });
  });
});
