import { screenshot } from '../../../../../test/browser/support/checks';
import { inContext } from '../../../../../test/browser/support/chromium';
import { ROLES } from '../../../../../test/browser/support/ledger';
import { visitAsRole } from '../../../../../test/browser/support/page-matrix';
import { signInAs } from '../../../../../test/browser/support/session';
import { storiedSuite } from '../../../../../test/browser/support/storied-suite';

describe('The integrity page (/ui/integrity)', () => {
  const suite = storiedSuite();

  it.each(ROLES)(
    'serves %s: accessible, keyboard-reachable, local, at 360 px and wide, JS on and off',
    async (role) => {
      const problems = await visitAsRole({
        browser: suite.browser,
        baseUrl: suite.baseUrl,
        role,
        name: 'integrity',
        path: '/ui/integrity',
        also: async ({ page }) => {
          const button = await page
            .getByRole('button', { name: 'Run the full verification' })
            .count();
          // Liaisons check single events and the heads; the full verification is for readers (as in the API).
          const expected = role === 'tcc_liaison' ? 0 : 1;
          return button === expected
            ? []
            : [`${button} verification buttons, expected ${expected}`];
        },
      });
      expect(problems).toEqual([]);
    },
  );

  it.each([true, false])(
    'runs the full verification from its button (a POST form with CSRF) and shows what was checked (JS %s)',
    async (javaScript) => {
      await inContext(
        suite.browser,
        { viewport: 'wide', javaScript },
        async ({ context, watch }) => {
          const page = await signInAs(context, suite.baseUrl, 'oversight');
          await page.goto(`${suite.baseUrl}/ui/integrity`);
          expect(await page.textContent('#latest-title + dl')).toMatch(/Tree size\s*\d+ events/);
          await page.getByRole('button', { name: 'Run the full verification' }).click();
          await page.waitForSelector('#report[data-verdict]');
          expect(await page.getAttribute('#report', 'data-verdict')).toBe('verified');
          const report = (await page.textContent('#report')) ?? '';
          expect(report).toContain('The whole store verifies');
          expect(report).toMatch(/\d+ events: each hash recomputed/);
          await screenshot(page, `integrity--verified--${javaScript ? 'js' : 'no-js'}`);
          expect(watch.external).toEqual([]);
          expect(watch.consoleErrors).toEqual([]);
        },
      );
    },
  );

  it('refuses the verification form from a role the permission table does not allow', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: true }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'tcc_liaison');
      await page.goto(`${suite.baseUrl}/ui/integrity`);
      const csrf = await page.getAttribute('input[name=_csrf]', 'value');
      const response = await page.request.post(`${suite.baseUrl}/ui/integrity/verification`, {
        form: { _csrf: csrf! },
      });
      expect(response.status()).toBe(403);
    });
  });

  it('offers the public key and the latest signed head for download', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      const key = await page.request.get(`${suite.baseUrl}/ui/integrity/public-key.pem`);
      expect(await key.text()).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      const head = await page.request.get(`${suite.baseUrl}/ui/integrity/head.json`);
      const json = await head.json();
      expect(json).toMatchObject({
        treeSize: expect.stringMatching(/^\d+$/),
        rootHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        signature: expect.any(String),
      });
      const api = await suite.ledger.ledger.client.as('reviewer').get('/integrity/head');
      expect(json).toEqual(api.body);
    });
  });

  it('shows the heads as known at an instant: one signed later is absent, and present without asOf', async () => {
    await inContext(suite.browser, { viewport: 'wide', javaScript: false }, async ({ context }) => {
      const page = await signInAs(context, suite.baseUrl, 'reviewer');
      const latest = (await (
        await page.request.get(`${suite.baseUrl}/ui/integrity/head.json`)
      ).json()) as { id: number; timestamp: string };
      const instant = new Date(Date.parse(latest.timestamp) - 1).toISOString();
      const latestPanel = async () =>
        (await page.textContent('section[aria-labelledby=latest-title]')) ?? '';

      await page.goto(`${suite.baseUrl}/ui/integrity?asOf=${encodeURIComponent(instant)}`);
      await expect(page.locator('.as-of').textContent()).resolves.toContain('As known at');
      expect(await latestPanel()).not.toMatch(new RegExp(`#${latest.id}\\b`));
      const kept = await page.request.get(
        `${suite.baseUrl}/ui/integrity/head.json?asOf=${encodeURIComponent(instant)}`,
      );
      if (kept.status() === 200) {
        const head = (await kept.json()) as { id: number; timestamp: string };
        expect(head.id).toBeLessThan(latest.id);
        expect(head.timestamp <= instant).toBe(true);
      } else {
        expect(await latestPanel()).toContain('No tree head had been signed by then');
      }

      await page.getByRole('link', { name: 'Show the record as it stands now' }).click();
      expect(await page.locator('.as-of').count()).toBe(0);
      expect(await latestPanel()).toMatch(new RegExp(`#${latest.id}\\b`));
    });
  });
});
