import type { Page } from 'playwright-core';
import { screenshot } from '../../../../../test/browser/support/checks';
import { openContext } from '../../../../../test/browser/support/chromium';
import { ROLES, type RoleName } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';
import { GEOPOLITICS } from '../../../../../test/stories/recordings/malakal';

const text = async (page: Page, selector: string) =>
  ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ');

describe('One incident (/ui/incidents/{id})', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      // Malakal concerns no Chinese unit: to China's liaison it is not there.
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'incident',
        path: `/ui/incidents/${suite.ledger.malakal.incidentId}`,
        status: role === 'tcc_liaison' ? 404 : 200,
      });
      expect(problems).toEqual([]);
    },
  );

  const open = async (role: RoleName, path: string, javaScript = false) => {
    const { context, watch } = await openContext(suite.browser, { viewport: 'wide', javaScript });
    const page = await signInAs(context, suite.baseUrl, role);
    const response = await page.goto(`${suite.baseUrl}${path}`);
    return { context, watch, page, status: response?.status() };
  };

  it('puts the mission’s own investigation and the Board of Inquiry side by side, each with its findings, levels and what became of its recommendations', async () => {
    const { context, page, watch } = await open(
      'reviewer',
      `/ui/incidents/${suite.ledger.malakal.incidentId}`,
    );
    try {
      expect(await page.textContent('h1')).toBe('Attack on POC site at Malakal POC site');
      const facts = await text(page, 'dl.facts');
      expect(facts).toContain('Civilians killed 30');
      const units = await text(page, '[aria-labelledby=units-title]');
      for (const unit of ['Rwandan battalion', 'Indian battalion', 'Ethiopian battalion']) {
        expect(units).toContain(unit);
      }

      const columns = page.locator('article.column');
      expect(await columns.count()).toBe(2);
      const internal = await columns.nth(0).innerText();
      const board = await columns.nth(1).innerText();
      expect(internal).toContain('UNMISS internal investigation');
      expect(internal).toContain('Command-and-control deficiencies during the attack');
      expect(internal).toContain('Mission leadership');
      expect(internal).toContain('Mission component');
      expect(internal).not.toContain('Ethiopian battalion');
      expect(board).toContain('Board of Inquiry into the attack on the Malakal POC site');
      expect(board).toContain('abandoned their posts');
      expect(board).toMatch(/Unit\s+Ethiopian battalion \(ETH\)/);
      expect(board).toMatch(/Role\s+Battalion commander/);
      // What became of each decision: carried out, lapsed, deferred for geopolitics.
      expect(board).toContain('Carried out on 17 Aug 2016');
      expect(board).toContain('Lapsed: The battalion commander quietly stayed');
      expect(board).toContain(`Reason given for departing from the recommendation: ${GEOPOLITICS}`);
      // Side by side: the two columns share a row on a wide screen.
      const [a, b] = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
      expect(a && b && Math.abs(a.y - b.y) < 2 && b.x > a.x).toBe(true);
      await screenshot(page, 'incident--malakal--reviewer--story');
      expect(watch.external).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the incident as known at an instant: before the Board of Inquiry, one investigation, and a banner back to now', async () => {
    const { malakal } = suite.ledger;
    const { context, page } = await open('oversight', `/ui/incidents/${malakal.incidentId}`);
    try {
      await page
        .getByLabel('Show as known at (UTC)')
        .fill(new Date(malakal.beforeBoardOfInquiry).toISOString().slice(0, 23));
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/asOf=/);
      expect(await page.locator('article.column').count()).toBe(1);
      expect(await text(page, '.as-of')).toContain('As known at');
      expect(await text(page, 'main')).not.toContain('Board of Inquiry into');
      await screenshot(page, 'incident--malakal--before-board-of-inquiry');
      await page.getByRole('link', { name: 'Show the record as it stands now' }).click();
      expect(await page.locator('article.column').count()).toBe(2);
      expect(await page.locator('.as-of').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("shows China's liaison its battalion at Juba and no other country's unit", async () => {
    const { juba } = suite.ledger;
    const { context, page, status } = await open('tcc_liaison', `/ui/incidents/${juba.incidentId}`);
    try {
      expect(status).toBe(200);
      const main = await text(page, 'main');
      expect(main).toContain('Chinese battalion');
      expect(main).not.toContain('Nepalese');
      expect(main).not.toContain(juba.units.nepal);
      // The answer is scrubbed as the API scrubs it: not even a count of the others is left.
      expect(main).not.toContain('more unit');
      await screenshot(page, 'incident--juba--china-liaison');
    } finally {
      await context.close();
    }
  });

  it('says plainly when there is no such incident, and when an instant cannot be read', async () => {
    const { context, page, status } = await open(
      'reviewer',
      '/ui/incidents/00000000-0000-4000-8000-000000000000',
    );
    try {
      expect(status).toBe(404);
      const bad = await page.goto(
        `${suite.baseUrl}/ui/incidents/${suite.ledger.malakal.incidentId}?asOf=yesterday`,
      );
      expect(bad?.status()).toBe(400);
      expect(await text(page, 'main')).toContain('asOf must be a date and time');
    } finally {
      await context.close();
    }
  });
});
