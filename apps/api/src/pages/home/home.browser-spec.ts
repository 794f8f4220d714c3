import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { ROLES } from '../../../../../test/browser/support/ledger';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';
import { END_OF_ROTATION } from '../../../../../test/stories/recordings/malakal';
import { screenshot } from '../../../../../test/browser/support/checks';
import { inContext } from '../../../../../test/browser/support/chromium';
import { auditTrailThroughPage, signInAs } from '../../../../../test/browser/support/session';

describe('The overview page (/ui)', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'overview',
        path: '/ui',
        also: async ({ page }) => {
          const found: string[] = [];
          if ((await page.textContent('h1')) !== 'Overview') found.push('no Overview heading');
          if (
            (await page.locator('nav[aria-label=Main] a[aria-current=page]').textContent()) !==
            'Overview'
          ) {
            found.push('the navigation does not say where the reader is');
          }
          return found;
        },
      });
      expect(problems).toEqual([]);
    },
  );

  it('shows an oversight officer what waits for a decision and which repatriations were never carried out', async () => {
    await inContext(
      suite.browser,
      {
        viewport: 'wide',
        javaScript: false,
      },
      async ({ context, watch }) => {
        const page = await signInAs(context, suite.baseUrl, 'oversight');
        const waiting = (await page.locator('section:has(#waiting-title)').textContent()) ?? '';
        // Malakal's internal investigation asked for retraining; no one decided on it.
        expect(waiting).toContain('Retrain');
        expect(waiting).toContain('Train the military component on the rules of engagement');
        const notCarried =
          (await page.locator('section:has(#not-carried-title)').textContent()) ?? '';
        expect(notCarried).toContain('Indian battalion (IND, UNMISS)');
        expect(notCarried).toContain(END_OF_ROTATION);
        expect(notCarried).toContain('Lapsed');
        // Carried out: the Rwandan commander and the Mauritanian battalion are not listed.
        expect(notCarried).not.toContain('Rwandan battalion');
        expect(notCarried).not.toContain('Mauritanian battalion');
        await screenshot(page, 'readme--overview', { fullPage: false });
        const latest = page.locator('section:has(#latest-title) tbody tr');
        expect(await latest.count()).toBeGreaterThan(5);
        expect(watch.external).toEqual([]);
      },
    );
  });

  it("shows a liaison what awaits its reply about its own units, and nothing of other countries'", async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: true }, async ({ context }) => {
      // Notify China about the Juba investigation; it has not replied yet.
      const notified = await suite.ledger.ledger.client
        .as('investigator')
        .post(`/contingents/${suite.ledger.juba.units.china}/notifications`, {
          subjectStreamId: `investigation-${suite.ledger.juba.investigation.id}`,
          notifiedAt: '2016-11-01T15:00:00Z',
          channel: 'note_verbale',
        });
      expect(notified.status).toBe(201);
      const page = await signInAs(context, suite.baseUrl, 'tcc_liaison');
      const awaiting = (await page.locator('section:has(#awaiting-title)').textContent()) ?? '';
      expect(awaiting).toContain('Chinese battalion (CHN, UNMISS)');
      expect(awaiting).toContain('Note verbale');
      const html = await page.content();
      for (const other of ['Kenyan', 'Nepalese', 'Rwandan', 'Indian', 'Ethiopian', 'Mauritanian']) {
        expect(html).not.toContain(other);
      }
      await screenshot(page, 'overview--tcc_liaison--awaiting-reply');
    });
  });

  it('shows the overview as known at an instant: what was recorded later is absent, and back to now', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'oversight');
      const all = await auditTrailThroughPage(page, suite.baseUrl);
      const instant = all[20].recordedAt;
      const known = all.filter((e) => e.recordedAt <= instant).map((e) => e.globalPosition);
      const last = all[all.length - 1].globalPosition;
      expect(known).not.toContain(last);
      const latest = 'section[aria-labelledby=latest-title] tbody tr td:first-child';

      await page.goto(`${suite.baseUrl}/ui?asOf=${encodeURIComponent(instant)}`);
      await expect(page.locator('.as-of').textContent()).resolves.toContain('As known at');
      const then = (await page.locator(latest).allTextContents()).map((c) => Number(c.trim()));
      expect(then[0]).toBe(Math.max(...known));
      expect(then).not.toContain(last);
      const eventLink = await page.getAttribute(`${latest} a`, 'href');
      expect(eventLink).toContain(`asOf=${encodeURIComponent(instant)}`);

      await page.getByRole('link', { name: 'Show the record as it stands now' }).click();
      expect(await page.locator('.as-of').count()).toBe(0);
      const now = (await page.locator(latest).allTextContents()).map((c) => Number(c.trim()));
      expect(now[0]).toBe(last);
    });
  });
});
