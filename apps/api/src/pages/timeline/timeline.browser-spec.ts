import type { Page } from 'playwright-core';
import { screenshot } from '../../../../../test/browser/support/checks';
import { inContext } from '../../../../../test/browser/support/chromium';
import { ROLES } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';
import { END_OF_ROTATION } from '../../../../../test/stories/recordings/malakal';

const entries = async (page: Page) =>
  page
    .locator('ol.replay > li')
    .evaluateAll((items) => items.map((i) => (i.textContent ?? '').replace(/\s+/g, ' ').trim()));

describe('The replay (/ui/incidents/{id}/timeline)', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'timeline',
        // Juba: every role, China's liaison included, may see some of it.
        path: `/ui/incidents/${suite.ledger.juba.incidentId}/timeline?order=recorded&step=4&unknown=show`,
      });
      expect(problems).toEqual([]);
    },
  );

  it.each([false, true])(
    'replays Malakal step by step as a reviewer, each step knowing one more event (JS %s)',
    async (javaScript) => {
      const { malakal } = suite.ledger;
      await inContext(
        suite.browser,
        {
          viewport: 'wide',
          javaScript,
        },
        async ({ context, watch }) => {
          const page = await signInAs(context, suite.baseUrl, 'reviewer');
          await page.goto(
            `${suite.baseUrl}/ui/incidents/${malakal.incidentId}/timeline?order=recorded&step=1`,
          );
          const first = await entries(page);
          expect(first).toHaveLength(1);
          expect(first[0]).toContain('Incident reported');
          expect(await page.textContent('.as-of')).toContain('As known at');
          const total = Number(
            /of (\d+):/.exec((await page.textContent('#step-status')) ?? '')?.[1] ?? 0,
          );
          expect(total).toBeGreaterThan(15);

          let sawBoardOpen = 0;
          for (let step = 2; step <= total; step += 1) {
            if (javaScript) {
              await Promise.all([
                page.waitForURL(new RegExp(`step=${step}`)),
                page.keyboard.press('ArrowRight'),
              ]);
            } else {
              await page.getByRole('link', { name: 'Next recorded event →' }).click();
            }
            expect(new URL(page.url()).searchParams.get('step')).toBe(String(step));
            const known = await entries(page);
            expect(known).toHaveLength(step);
            expect(await page.textContent('#step-status')).toContain(`Step ${step} of ${total}`);
            // The Board of Inquiry's opening appears at one step, and stays from then on.
            const board = known.some((e) => e.includes('Board of Inquiry into the attack'));
            if (board && sawBoardOpen === 0) sawBoardOpen = step;
            if (sawBoardOpen > 0) expect(board).toBe(true);
            if (step === 3)
              await screenshot(page, `timeline--malakal--step-3--${javaScript ? 'js' : 'no-js'}`);
          }
          expect(sawBoardOpen).toBeGreaterThan(5);
          expect(await page.getByText('Next recorded event →').getAttribute('aria-disabled')).toBe(
            'true',
          );

          // The last steps: the lapses, each saying what changed and why, the decision struck.
          const all = await entries(page);
          const lapse = all.find((e) => e.includes(END_OF_ROTATION));
          expect(lapse).toMatch(/What changed: Status: decided → lapsed/);
          expect(lapse).toContain(`Why: ${END_OF_ROTATION}`);
          expect(await page.locator('ol.replay del').count()).toBeGreaterThan(0);
          expect(all.some((e) => /Superseded at step \d+/.test(e))).toBe(true);
          await screenshot(page, `timeline--malakal--last-step--${javaScript ? 'js' : 'no-js'}`);
          expect(watch.external).toEqual([]);
          expect(watch.consoleErrors).toEqual([]);
        },
      );
    },
  );

  it('shows at any instant what was known, and on request what was not yet known, marked', async () => {
    const { malakal } = suite.ledger;
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      await page.goto(`${suite.baseUrl}/ui/incidents/${malakal.incidentId}/timeline`);
      await page
        .getByLabel('Known at (UTC)')
        .fill(new Date(malakal.beforeBoardOfInquiry).toISOString().slice(0, 23));
      await page.getByRole('button', { name: 'Show' }).click();
      const before = await entries(page);
      expect(before.some((e) => e.includes('Board of Inquiry into the attack'))).toBe(false);
      expect(before.some((e) => e.includes('UNMISS internal investigation'))).toBe(true);
      expect(await page.locator('svg line.instant').count()).toBe(1);

      await page.getByRole('link', { name: 'show what was not yet known' }).click();
      expect(new URL(page.url()).searchParams.get('unknown')).toBe('show');
      const marked = await entries(page);
      const board = marked.find((e) => e.includes('Board of Inquiry into the attack'));
      expect(board).toContain('Not yet known');
      expect(marked.length).toBeGreaterThan(before.length);
      await screenshot(page, 'timeline--malakal--not-yet-known');
    });
  });
});
